import Foundation
import Testing
@testable import DossierCore

/// A second Arabic dossier, written for these tests on another subject (the war in Sudan), with
/// the links a careful editor expects listed by hand: the linker's precision and recall on text it
/// was not tuned on, and each trap (an ordinary word, an adjective, a vowelled word, a relative's
/// name) left unlinked. See Fixtures/second-dossier/README.md.
@Suite struct SecondDossierTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/DossierTests/Fixtures/second-dossier")

    struct Link: Hashable, CustomStringConvertible {
        var paragraph: Int
        var text: String
        var entity: String
        var description: String { "¶\(paragraph) «\(text)» → \(entity)" }
    }

    /// Rows of a tab-separated file after its header line.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The article page's links, by paragraph: each paragraph, list item or quoted paragraph of the
    /// article body counts as one, headings do not, notes are left out.
    static func links(inArticlePage html: String) -> [Link] {
        var result: [Link] = []
        var paragraph = 0
        for block in html.components(separatedBy: "<div class=\"block").dropFirst() {
            if block.hasPrefix(" block-heading") { continue }
            guard let text = block.components(separatedBy: "<div class=\"text\">").dropFirst().first?.components(separatedBy: "<div class=\"notes\">").first else { continue }
            for inner in innerParagraphs(text) {
                paragraph += 1
                var rest = inner[...]
                while let start = rest.range(of: "<a href=\"../entities/") {
                    let after = rest[start.upperBound...]
                    guard let quote = after.firstIndex(of: "\""), let close = after.range(of: "</a>") else { break }
                    let id = String(after[..<quote]).replacingOccurrences(of: ".html", with: "")
                    let inside = String(after[after.index(after: quote)..<close.lowerBound].dropFirst())
                    result.append(Link(paragraph: paragraph, text: plain(inside), entity: id))
                    rest = after[close.upperBound...]
                }
            }
        }
        return result
    }

    /// The `<p>` elements of a block's HTML, and the `<li>` elements that hold no `<p>`, in order.
    static func innerParagraphs(_ html: String) -> [String] {
        var found: [(String.Index, String)] = []
        for tag in ["p", "li"] {
            var rest = html[...]
            while let open = rest.range(of: "<\(tag)>"), let close = rest[open.upperBound...].range(of: "</\(tag)>") {
                let inner = String(rest[open.upperBound..<close.lowerBound])
                if tag == "p" || !inner.contains("<p>") { found.append((open.lowerBound, inner)) }
                rest = rest[close.upperBound...]
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Text without tags, line breaks as spaces.
    static func plain(_ html: String) -> String {
        var text = "", inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c == "\n" ? " " : c) }
        }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func build() async throws -> (html: String, summary: BuildSummary, cleanup: () -> Void) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-second-\(UUID().uuidString)")
        let pipeline = Pipeline(paths: .init(content: folder.appendingPathComponent("Content"), templates: repositoryRoot.appendingPathComponent("Templates")))
        let summary = try await pipeline.build(into: output)
        let article = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("articles").path).first { $0.hasSuffix(".html") }!
        let html = try String(contentsOf: output.appendingPathComponent("articles/\(article)"), encoding: .utf8)
        return (html, summary, { try? FileManager.default.removeItem(at: output) })
    }

    @Test func everyExpectedLinkAndNoOtherPrecisionAndRecallBoth100Percent() async throws {
        let (html, _, cleanup) = try await Self.build()
        defer { cleanup() }
        let expected = Set(try Self.rows("expected-links.tsv").map { Link(paragraph: Int($0[0])!, text: $0[1], entity: $0[2]) })
        let found = Self.links(inArticlePage: html)
        let foundSet = Set(found)
        let right = foundSet.intersection(expected)
        let precision = Double(right.count) / Double(max(found.count, 1)), recall = Double(right.count) / Double(max(expected.count, 1))
        let wrong = foundSet.subtracting(expected).sorted { ($0.paragraph, $0.text) < ($1.paragraph, $1.text) }
        let missed = expected.subtracting(foundSet).sorted { ($0.paragraph, $0.text) < ($1.paragraph, $1.text) }
        #expect(expected.count >= 30, "the fixture lists \(expected.count) links")
        #expect(found.count == foundSet.count, "a link is listed twice")
        #expect(precision == 1, "precision \(precision): wrong links \(wrong)")
        #expect(recall == 1, "recall \(recall): missed \(missed)")
    }

    @Test func everyTrapStaysUnlinked() async throws {
        let (html, _, cleanup) = try await Self.build()
        defer { cleanup() }
        let found = Self.links(inArticlePage: html)
        for row in try Self.rows("expected-not-links.tsv") {
            let paragraph = Int(row[0])!, text = row[1]
            let linked = found.filter { $0.paragraph == paragraph && ($0.text.contains(text) || text.contains($0.text)) && !Self.isExpected($0) }
            #expect(linked.isEmpty, "«\(text)» in ¶\(paragraph) (\(row.count > 2 ? row[2] : "")) is linked: \(linked)")
        }
    }

    static func isExpected(_ link: Link) -> Bool {
        (try? rows("expected-links.tsv").contains { Int($0[0]) == link.paragraph && $0[1] == link.text && $0[2] == link.entity }) ?? false
    }

    @Test func theSecondDossierChecksWithoutErrorsOrWarnings() async throws {
        let pipeline = Pipeline(paths: .init(content: Self.folder.appendingPathComponent("Content"), templates: repositoryRoot.appendingPathComponent("Templates")))
        let summary = try await pipeline.check()
        #expect(summary.warnings.filter { $0.severity == .warning }.isEmpty, "\(summary.warnings.map(\.description).joined(separator: "\n"))")
    }
}
