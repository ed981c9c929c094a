import Foundation
import DossierLinking

/// The geometry of a relation map: entities as points on a circle, ties as lines whose width
/// says how strong they are. Templates draw it as inline SVG (`partials/relation-map.mustache`)
/// from plain, escaped fields, so no markup is made here.
///
/// The layout is a fixed radial one rather than a graph layout program: an entity page shows one
/// entity and at most `maximumNeighbours` others, which a circle around it shows without a single
/// crossing, and the entity index shows a few strongest ties, which fit on a circle too. Graphviz
/// (Debian's `graphviz`) would be a build dependency of every dossier for pictures this small, and
/// its coordinates change between its versions, where the output must be the same bytes on every
/// machine. Here the places follow from the ties alone: the strongest tie first, at the top, then
/// round the circle in the reading direction (clockwise on a right-to-left page, so the next ties
/// start on the reader's side), ties of equal strength by id. Coordinates are rounded to tenths.
struct RelationMap: Sendable, Equatable {
    /// A tie between two entities: the paragraphs they share and the descriptions that link one to
    /// the other (0, 1 or both ways).
    struct Tie: Sendable, Equatable {
        var a: String
        var b: String
        var shared: Int
        var links: Int

        /// Each shared paragraph counts one, each description linking one to the other one more.
        var strength: Int { shared + links }
    }

    struct Node: Sendable, Equatable {
        var id: String
        var x: Double
        var y: Double
        var radius: Double
        /// The label cut into lines at spaces (`wrap`), where it starts and how it is anchored there.
        var lines: [String]
        var label: Label
        var isCentre: Bool

        /// The baseline of line `n` (from 0) of the label.
        func baseline(_ n: Int) -> Double { RelationMap.rounded(label.y + Double(n) * RelationMap.lineSpacing * RelationMap.fontSize) }
    }

    /// Where a label goes: beside its node on the outer side for nodes left and right of the centre,
    /// centred above (upper half) or below it for nodes near the top and the bottom and for the
    /// centre, so that labels point away from the ties.
    struct Label: Sendable, Equatable {
        enum Side: Sendable, Equatable { case above, below, right, left }
        var side: Side
        /// The anchor point: the label's centre, or the edge nearest the node; `y` is the first
        /// line's baseline.
        var x: Double
        var y: Double

        /// SVG's `text-anchor` for the page's direction. `start` and `end` follow the text's
        /// direction (`direction` on the `<text>`): in right-to-left text the start is the right edge.
        func anchor(direction: String) -> String {
            switch side {
            case .above, .below: return "middle"
            case .right: return direction == "rtl" ? "end" : "start"
            case .left: return direction == "rtl" ? "start" : "end"
            }
        }
    }

    struct Edge: Sendable, Equatable {
        var tie: Tie
        var x1: Double, y1: Double, x2: Double, y2: Double
        var width: Double
    }

    var width: Double
    var height: Double
    var nodes: [Node]
    var edges: [Edge]

    /// Neighbours shown around an entity.
    static let maximumNeighbours = 8
    /// Entities and ties on the entity index's map of the strongest ties.
    static let maximumIndexNodes = 8
    static let maximumIndexEdges = 12
    /// The labels' size in the SVG's units; `.relation-map text` in `assets/style.css` sets the same.
    static let fontSize = 16.0

    // MARK: Ties

    /// The ties of one entity with the others, strongest first, ties of equal strength by id.
    static func ties(of linked: LinkedEntity) -> [Tie] {
        let own = linked.entity.id
        var byID: [String: Tie] = [:]
        for r in linked.related where r.id != own {
            byID[r.id, default: Tie(a: own, b: r.id, shared: 0, links: 0)].shared = r.count
        }
        for id in Set(linked.linksTo) where id != own {
            byID[id, default: Tie(a: own, b: id, shared: 0, links: 0)].links += 1
        }
        for id in Set(linked.linkedFrom.filter { $0.kind == .entity }.map(\.id)) where id != own {
            byID[id, default: Tie(a: own, b: id, shared: 0, links: 0)].links += 1
        }
        return byID.values.sorted(by: strongerFirst)
    }

    /// Every tie of the dossier once (`a` < `b`), strongest first.
    static func ties(in entities: [LinkedEntity]) -> [Tie] {
        let known = Set(entities.map(\.entity.id))
        var byPair: [Pair: Tie] = [:]
        for linked in entities {
            let own = linked.entity.id
            // Sharing is symmetric: each pair is counted from the side whose id sorts first.
            for r in linked.related where own < r.id && known.contains(r.id) {
                byPair[Pair(own, r.id), default: Tie(a: own, b: r.id, shared: 0, links: 0)].shared = r.count
            }
            for id in Set(linked.linksTo) where id != own && known.contains(id) {
                let pair = Pair(own, id)
                byPair[pair, default: Tie(a: pair.a, b: pair.b, shared: 0, links: 0)].links += 1
            }
        }
        return byPair.values.sorted(by: strongerFirst)
    }

    private struct Pair: Hashable {
        let a: String, b: String
        init(_ x: String, _ y: String) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    static func strongerFirst(_ x: Tie, _ y: Tie) -> Bool {
        x.strength != y.strength ? x.strength > y.strength : (x.a, x.b) < (y.a, y.b)
    }

    // MARK: Maps

    /// `centre` and its strongest ties (at most `maximumNeighbours`); nil when it has none.
    /// `label` gives the text shown for an id (to size the picture).
    static func around(_ centre: String, ties: [Tie], label: (String) -> String, direction: String) -> RelationMap? {
        let kept = Array(ties.filter { $0.strength > 0 }.sorted(by: strongerFirst).prefix(maximumNeighbours))
        guard !kept.isEmpty else { return nil }
        let ring = kept.map { $0.a == centre ? $0.b : $0.a }
        let radius = ring.count <= 3 ? 80.0 : 95.0
        return layout(centre: centre, ring: ring, ties: kept, radius: radius, label: label, direction: direction)
    }

    /// The dossier's strongest ties: taken strongest first while their entities number at most
    /// `maximumIndexNodes`, at most `maximumIndexEdges` of them; nil when no two entities are tied.
    static func strongest(_ ties: [Tie], label: (String) -> String, direction: String) -> RelationMap? {
        let kept = strongestTies(ties)
        guard !kept.isEmpty else { return nil }
        var members: [String] = []
        for tie in kept { for id in [tie.a, tie.b] where !members.contains(id) { members.append(id) } }
        // Around the circle, the entities with the strongest ties in all first.
        var weight: [String: Int] = [:]
        for tie in kept { weight[tie.a, default: 0] += tie.strength; weight[tie.b, default: 0] += tie.strength }
        let ring = members.sorted { weight[$0]! != weight[$1]! ? weight[$0]! > weight[$1]! : $0 < $1 }
        return layout(centre: nil, ring: ring, ties: kept, radius: ring.count <= 3 ? 80 : 100, label: label, direction: direction)
    }

    /// The ties `strongest` draws, strongest first: all that the entity index's map shows
    /// besides names (`PageDependencies` digests them).
    static func strongestTies(_ ties: [Tie]) -> [Tie] {
        var kept: [Tie] = [], members: Set<String> = []
        for tie in ties.sorted(by: strongerFirst) where kept.count < maximumIndexEdges && tie.strength > 0 {
            let new = Set([tie.a, tie.b]).subtracting(members)
            guard members.count + new.count <= maximumIndexNodes else { continue }
            members.formUnion(new)
            kept.append(tie)
        }
        return kept
    }

    /// Places `ring` on a circle of `radius` (around `centre` when there is one), draws `ties`
    /// between them, and frames the whole, labels included, in a box starting at 0, 0.
    private static func layout(centre: String?, ring: [String], ties: [Tie], radius: Double,
                               label: (String) -> String, direction: String) -> RelationMap {
        let font = fontSize, lineHeight = lineSpacing * fontSize
        let nodeRadius = 7.0, centreRadius = 11.0, gap = 4.0
        // Clockwise on the screen (SVG's y grows downwards) on a right-to-left page.
        let turn = direction == "rtl" ? 1.0 : -1.0
        func place(_ id: String, x: Double, y: Double, r: Double, cosine: Double, isCentre: Bool) -> Node {
            let lines = wrap(label(id)), extra = Double(lines.count - 1) * lineHeight
            let side: Label.Side = abs(cosine) >= 0.3 ? (cosine > 0 ? .right : .left) : (y < -0.05 ? .above : .below)
            let spot: Label
            switch side {
            // Arabic letters descend about 0.55 of the size below the baseline and rise about 1.05
            // above it (a hamza over an alif); beside a node, the lines are centred on it.
            case .above: spot = Label(side: side, x: x, y: y - r - gap - 0.55 * font - extra)
            case .below: spot = Label(side: side, x: x, y: y + r + gap + 1.05 * font)
            case .right: spot = Label(side: side, x: x + r + gap, y: y + 0.3 * font - extra / 2)
            case .left: spot = Label(side: side, x: x - r - gap, y: y + 0.3 * font - extra / 2)
            }
            return Node(id: id, x: x, y: y, radius: r, lines: lines, label: spot, isCentre: isCentre)
        }
        var nodes: [Node] = []
        if let centre { nodes.append(place(centre, x: 0, y: 0, r: centreRadius, cosine: 0, isCentre: true)) }
        for (k, id) in ring.enumerated() {
            let angle = -Double.pi / 2 + turn * 2 * Double.pi * Double(k) / Double(ring.count)
            nodes.append(place(id, x: rounded(radius * cos(angle)), y: rounded(radius * sin(angle)), r: nodeRadius,
                               cosine: cos(angle), isCentre: false))
        }
        // The frame: every circle and every label's estimated box, with a margin.
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for node in nodes {
            let width = node.lines.map(estimatedWidth).max() ?? 0
            let (left, right): (Double, Double)
            switch node.label.side {
            case .above, .below: (left, right) = (node.label.x - width / 2, node.label.x + width / 2)
            case .right: (left, right) = (node.label.x, node.label.x + width)
            case .left: (left, right) = (node.label.x - width, node.label.x)
            }
            minX = min(minX, node.x - node.radius, left); maxX = max(maxX, node.x + node.radius, right)
            minY = min(minY, node.y - node.radius, node.label.y - lineAscent * font)
            maxY = max(maxY, node.y + node.radius, node.label.y + Double(node.lines.count - 1) * lineHeight + lineDescent * font)
        }
        let margin = 8.0
        let dx = rounded(margin - minX), dy = rounded(margin - minY)
        nodes = nodes.map {
            var n = $0
            n.x = rounded(n.x + dx); n.y = rounded(n.y + dy)
            n.label.x = rounded(n.label.x + dx); n.label.y = rounded(n.label.y + dy)
            return n
        }
        let placed = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let strongest = Double(ties.map(\.strength).max() ?? 1)
        let edges = ties.compactMap { tie -> Edge? in
            guard let from = placed[tie.a], let to = placed[tie.b] else { return nil }
            return Edge(tie: tie, x1: from.x, y1: from.y, x2: to.x, y2: to.y, width: rounded(1 + 4 * Double(tie.strength) / strongest))
        }
        return RelationMap(width: rounded(maxX - minX + 2 * margin), height: rounded(maxY - minY + 2 * margin), nodes: nodes, edges: edges)
    }

    /// The line box of Noto Sans Arabic above and below the baseline, in font sizes, as browsers
    /// measure a label: the frame holds it whole, so no label is cut at the map's edge.
    static let lineAscent = 1.4, lineDescent = 0.8
    /// The distance between a label's lines, in font sizes.
    static let lineSpacing = 1.3
    /// Characters on a label's line before the next word goes on a new line.
    static let lineCharacters = 14

    /// `text` in lines of at most `lineCharacters` characters, cut at spaces (a longer word keeps
    /// a line of its own): a long name (a treaty's) would otherwise widen the whole map.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if let last = lines.last, last.count + 1 + word.count <= lineCharacters {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        return lines.isEmpty ? [text] : lines
    }

    /// A label's width in the map's units, estimated from its characters (the build cannot measure
    /// text): Arabic and Latin letters average about half the font size, spaces a quarter.
    static func estimatedWidth(_ text: String) -> Double {
        var width = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control: continue
            case .spaceSeparator: width += 0.28
            default: width += 0.55
            }
        }
        return width * fontSize
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// `value` with one decimal, the same on every machine and in every locale ("12.5", "-3", "0").
    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = String(abs(tenths) / 10), fraction = abs(tenths) % 10
        return (tenths < 0 ? "-" : "") + whole + (fraction == 0 ? "" : "." + String(fraction))
    }
}
