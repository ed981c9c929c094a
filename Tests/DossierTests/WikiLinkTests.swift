import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore
@testable import DossierModel
@testable import DossierLinking

/// `[[id]]` links in bodies: unknown ids are reported where they are written, at any count.
@Suite struct WikiLinkTests {
    static let index = EntityIndex([Entity(id: "russia", path: "Content/entities/russia.md", name: "روسيا", kind: .country,
                                           aliases: [], nameEnglish: nil, summary: nil, date: nil, sortKey: nil, sources: [],
                                           markdown: MarkdownSource(text: "", firstLine: 5), nameLine: 2, nameColumn: 7)])

    static func unknownLinks(in body: String) -> (diagnostics: [Diagnostic], seconds: Double) {
        let clock = ContinuousClock()
        var result: Linker.BodyResult?
        let elapsed = clock.measure {
            result = Linker.rewriteBody(MarkdownSource(text: body, firstLine: 5), path: "Content/annotations/note.md",
                                        index: index, own: nil, options: RenderOptions())
        }
        return (result!.diagnostics, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Each unknown link's position was found by splitting the whole body into lines again (and
    /// counting its text's characters from the start), so a body of many unknown links, well under
    /// the size limit, took time growing with the square of their number.
    @Test func manyUnknownLinksAreReportedInLinearTime() {
        let count = 10_000
        let onOneLine = Self.unknownLinks(in: "نص " + String(repeating: "[[zz]] ", count: count) + "\n")
        #expect(onOneLine.diagnostics.count == count)
        #expect(onOneLine.diagnostics.last?.location == "Content/annotations/note.md:5:\(4 + 7 * (count - 1))")
        #expect(onOneLine.seconds < 10)

        let oneALine = Self.unknownLinks(in: String(repeating: "[[zz]]\n", count: count))
        #expect(oneALine.diagnostics.count == count)
        #expect(oneALine.diagnostics.last?.location == "Content/annotations/note.md:\(5 + count - 1):1")
        #expect(oneALine.seconds < 10)
    }

    @Test func unknownLinkColumnsCountCharactersNotBytes() {
        let (diagnostics, _) = Self.unknownLinks(in: "سطر أول\n\nجارة [[north-kore]] و[[zz]].\n")
        #expect(diagnostics.map(\.location) == ["Content/annotations/note.md:7:6", "Content/annotations/note.md:7:22"])
    }
}
