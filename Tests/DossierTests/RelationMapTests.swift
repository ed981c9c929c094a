import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLinking
@testable import DossierRendering

/// Relation maps: an entity and its closest ties on its page, the dossier's strongest ties on the
/// entity index, laid out the same way every time and drawn from escaped fields.
@Suite struct RelationMapTests {
    static func tie(_ a: String, _ b: String, shared: Int, links: Int = 0) -> RelationMap.Tie {
        RelationMap.Tie(a: a, b: b, shared: shared, links: links)
    }

    static func around(_ centre: String, _ ties: [RelationMap.Tie], direction: String = "rtl") -> RelationMap? {
        RelationMap.around(centre, ties: ties, label: { "اسم \($0)" }, direction: direction)
    }

    @Test func theSameTiesGiveTheSameMapWhateverTheirOrder() throws {
        let ties = (1...6).map { Self.tie("c", "n\($0)", shared: $0 % 3) } + [Self.tie("c", "x", shared: 0, links: 2)]
        let first = try #require(Self.around("c", ties))
        for seed in 0..<20 {
            var generator = SeededGenerator(seed: UInt64(seed))
            #expect(Self.around("c", ties.shuffled(using: &generator)) == first)
        }
        // Strongest first at the top, equal strengths by id; no tie, no node.
        #expect(first.nodes.map(\.id) == ["c", "n2", "n5", "x", "n1", "n4"])
        let centre = first.nodes[0], top = first.nodes[1]
        #expect(top.x == centre.x && top.y < centre.y)
        // Clockwise on a right-to-left page: the second tie is on the right; mirrored left to right.
        #expect(first.nodes[2].x > centre.x)
        let mirrored = try #require(Self.around("c", ties, direction: "ltr"))
        #expect(mirrored.nodes[2].x < mirrored.nodes[0].x)
        // Every coordinate in tenths.
        for node in first.nodes { #expect(node.x == RelationMap.rounded(node.x) && node.y == RelationMap.rounded(node.y)) }
    }

    /// Labels beside nodes on the left and right start at the node: which edge that is follows the
    /// text's direction, so the anchor flips with it; near the top and bottom they are centred.
    @Test func labelsPointAwayFromTheTiesInEitherDirection() throws {
        let ties = (1...8).map { Self.tie("c", "n\($0)", shared: 10 - $0) }
        for direction in ["rtl", "ltr"] {
            let map = try #require(Self.around("c", ties, direction: direction))
            let centre = map.nodes[0]
            #expect(centre.label.side == .below && centre.label.anchor(direction: direction) == "middle")
            for node in map.nodes.dropFirst() {
                switch node.label.side {
                case .above: #expect(node.y < centre.y && node.label.y < node.y && node.label.x == node.x)
                case .below: #expect(node.y > centre.y && node.label.y > node.y && node.label.x == node.x)
                case .right: #expect(node.x > centre.x && node.label.x > node.x)
                case .left: #expect(node.x < centre.x && node.label.x < node.x)
                }
            }
            let right = try #require(map.nodes.first { $0.label.side == .right }), left = try #require(map.nodes.first { $0.label.side == .left })
            #expect(right.label.anchor(direction: direction) == (direction == "rtl" ? "end" : "start"))
            #expect(left.label.anchor(direction: direction) == (direction == "rtl" ? "start" : "end"))
            #expect(map.nodes.filter { $0.label.side == .above }.map(\.id) == ["n1"])
        }
    }

    @Test func atMostEightNeighboursAndTheStrongestAreKept() throws {
        let ties = (1...12).map { Self.tie("c", String(format: "e%02d", $0), shared: $0) }
        let map = try #require(Self.around("c", ties))
        #expect(map.nodes.count == RelationMap.maximumNeighbours + 1)
        #expect(map.edges.map(\.tie.shared) == Array((5...12).reversed()))
        #expect(Set(map.nodes.map(\.id)) == Set(["c"] + (5...12).map { String(format: "e%02d", $0) }))
        // Width grows with strength; the strongest is the widest.
        let widths = map.edges.map(\.width)
        #expect(widths == widths.sorted(by: >) && widths.first == 5)
    }

    @Test func tiesAddSharedParagraphsAndLinksEitherWay() {
        let entity = Entity(id: "c", path: "", name: "ج", kind: .country, aliases: [], nameEnglish: nil, summary: nil, date: nil,
                            sortKey: nil, sources: [], markdown: MarkdownSource(text: "", firstLine: 1), nameLine: 1, nameColumn: 1)
        let linked = LinkedEntity(entity: entity, html: "", linksTo: ["b", "c", "d"],
                                  linkedFrom: [PageReference(kind: .entity, id: "b"), PageReference(kind: .article, id: "a"),
                                               PageReference(kind: .annotation, id: "e")],
                                  mentions: [], annotationIDs: [], related: [(id: "a", count: 3), (id: "b", count: 1)])
        let ties = RelationMap.ties(of: linked)
        // b: one shared paragraph and links both ways; a: three paragraphs; d: one link; c itself never.
        #expect(ties == [Self.tie("c", "a", shared: 3), Self.tie("c", "b", shared: 1, links: 2), Self.tie("c", "d", shared: 0, links: 1)])
    }

    @Test func theIndexKeepsTheStrongestTiesWithinItsLimits() throws {
        var ties: [RelationMap.Tie] = []
        for a in 0..<8 { for b in (a + 1)..<8 { ties.append(Self.tie("e\(a)", "f\(b)", shared: a + b)) } }
        let kept = RelationMap.strongestTies(ties)
        #expect(kept.count <= RelationMap.maximumIndexEdges)
        #expect(Set(kept.flatMap { [$0.a, $0.b] }).count <= RelationMap.maximumIndexNodes)
        #expect(kept.first == Self.tie("e6", "f7", shared: 13))
        #expect(kept.map(\.strength) == kept.map(\.strength).sorted(by: >))
        let map = try #require(RelationMap.strongest(ties, label: { $0 }, direction: "rtl"))
        #expect(map.edges.map(\.tie) == kept)
        #expect(map.nodes.filter(\.isCentre).isEmpty)
        #expect(RelationMap.strongest([], label: { $0 }, direction: "rtl") == nil)
    }

    @Test func numbersAreWrittenInTenthsTheSameEverywhere() {
        #expect(RelationMap.format(3) == "3")
        #expect(RelationMap.format(12.25) == "12.3")
        #expect(RelationMap.format(-3.14) == "-3.1")
        #expect(RelationMap.format(-0.04) == "0")
        #expect(RelationMap.format(433.08) == "433.1")
    }

    @Test func longNamesAreCutIntoLinesAtSpaces() {
        #expect(RelationMap.wrap("معاهدة الصداقة وحسن الجوار والتعاون") == ["معاهدة الصداقة", "وحسن الجوار", "والتعاون"])
        #expect(RelationMap.wrap("كوريا الشمالية") == ["كوريا الشمالية"])
        #expect(RelationMap.wrap("روسيا") == ["روسيا"])
    }

    // MARK: Built pages

    static func svg(in html: String) -> String? {
        guard let start = html.range(of: "<svg"), let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func hrefs(in svg: String) -> [String] {
        svg.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func everyNodeLinksToAnEntityPageThroughSiteLayout() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let page = SiteLayout.entity("russia")
        let svg = try #require(Self.svg(in: try site.read(page)))
        #expect(Self.hrefs(in: svg) == ["russia", "north-korea"].map { SiteLayout.url(SiteLayout.entity($0), from: page) })
        let index = try #require(Self.svg(in: try site.read(SiteLayout.entityIndex)))
        let indexLinks = Self.hrefs(in: index)
        #expect(Set(indexLinks) == Set(["russia", "north-korea"].map { SiteLayout.url(SiteLayout.entity($0), from: SiteLayout.entityIndex) }))
        for (link, from) in indexLinks.map({ ($0, SiteLayout.entityIndex) }) + Self.hrefs(in: svg).map({ ($0, page) }) {
            let target = site.output.appendingPathComponent(from).deletingLastPathComponent().appendingPathComponent(link).standardized
            #expect(FileManager.default.fileExists(atPath: target.path), "\(link) from \(from)")
        }
        // The ties for screen readers: north-korea's description does not link back, the article shares one paragraph.
        #expect(try site.read(page).contains("<li><bdi>روسيا</bdi> – <bdi>كوريا الشمالية</bdi> · الفقرات المشتركة: 1 · إحالة في الوصف</li>"))
    }

    @Test func hostileNamesAreEscapedAndLoseTheirBidiControls() async throws {
        let hostile = "كوريا <script>alert(1)</script> & \u{202E}الشمالية"
        let site = try InlineSite(["entities/north-korea.md": "---\nname: \"\(hostile)\"\nkind: country\n---\nدولة في شرق آسيا.\n"])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let html = try site.read(SiteLayout.entity("russia"))
        let svg = try #require(Self.svg(in: html))
        #expect(!svg.contains("<script>") && !svg.contains("\u{202E}"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && svg.contains("&amp;"))
        // The list of ties keeps the name as written, isolated and escaped.
        #expect(html.contains("<bdi>كوريا &lt;script&gt;alert(1)&lt;/script&gt; &amp; \u{202E}الشمالية</bdi>"))
        #expect(!html.contains("<script>"))
    }

    @Test func anEntityWithoutTiesHasNoMap() async throws {
        let site = try InlineSite(["entities/japan.md": "---\nname: اليابان\nkind: country\n---\nدولة جزرية.\n",
                                   "articles/other.md": "---\ntitle: مقال آخر\nsource: مصدر\n---\nزار وفد اليابان.\n"])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let japan = try site.read(SiteLayout.entity("japan"))
        #expect(!japan.contains("<svg") && !japan.contains("relation-map"))
        #expect(Self.svg(in: try site.read(SiteLayout.entity("russia"))) != nil)
        #expect(Self.around("c", []) == nil)
    }
}

/// A small deterministic generator (SplitMix64), so a shuffled order is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
