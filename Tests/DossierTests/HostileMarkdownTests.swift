import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierCache
@testable import DossierMarkdownStage

/// Markdown written to crash or stall a build is refused with the file and line, in `build` and
/// in `check`, with or without a build cache: nothing crashes and no input under the size limit
/// keeps cmark busy for long.
@Suite struct HostileMarkdownTests {
    static func annotation(_ body: String) -> String {
        "---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\n" + body
    }

    /// Builds a site whose one note has `body`; expects the build to fail with every text of `expected`.
    func expectRefused(_ body: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectFailingRebuild(expected, { site in
            try site.write(Self.annotation(body), to: "Content/annotations/note.md")
        }, sourceLocation: sourceLocation)
    }

    @Test func fiftyThousandNestedQuotesAreRefusedNotACrash() async throws {
        try await expectRefused(String(repeating: "> ", count: 50_000) + "نص\n",
                                ["Content/annotations/note.md:5:", "error: Markdown nested more than 64 levels deep"])
    }

    @Test func fiftyThousandNestedListMarkersAreRefused() async throws {
        try await expectRefused(String(repeating: "- ", count: 50_000) + "نص\n", ["Content/annotations/note.md:5:", "nested more than 64 levels"])
    }

    @Test func deeplyNestedEmphasisIsRefused() async throws {
        let body = String(repeating: "*a **a ", count: 25_000) + "b" + String(repeating: " a** a*", count: 25_000) + "\n"
        try await expectRefused(body, ["Content/annotations/note.md:5:", "nested more than 64 levels"])
    }

    @Test func deeplyNestedImagesAreRefused() async throws {
        // So many open images are also cmark's quadratic case, refused before cmark sees them.
        let body = String(repeating: "![", count: 50_000) + "a" + String(repeating: "](b)", count: 50_000) + "\n"
        try await expectRefused(body, ["Content/annotations/note.md:5:1: error: too many unclosed image brackets"])
        let fewer = String(repeating: "![", count: 2_000) + "a" + String(repeating: "](b)", count: 2_000) + "\n"
        try await expectRefused(fewer, ["Content/annotations/note.md:5:", "nested more than 64 levels"])
    }

    @Test func nestingInAnArticleIsRefusedByCheckToo() async throws {
        let site = try InlineSite(["articles/treaty.md": InlineSite.article + "\n\n" + String(repeating: "> ", count: 50_000) + "نص\n"])
        defer { site.remove() }
        do {
            _ = try await site.pipeline.check()
            Issue.record("check passed")
        } catch let failure as BuildFailure {
            #expect(failure.description.contains("Content/articles/treaty.md:12:129: error"), "\(failure)")
            #expect(failure.description.contains("nested more than 64 levels"))
        }
    }

    @Test func nestingUpToTheLimitStillBuilds() async throws {
        // Under the document, 62 quotes, a paragraph and its text: 64 levels.
        let site = try InlineSite(["annotations/note.md": Self.annotation(String(repeating: "> ", count: 62) + "نص عميق\n")])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("a note nested 64 levels deep was refused"); return }
        #expect(try site.read("articles/treaty.html").contains("نص عميق"))
    }

    @Test func cmarksQuadraticImageBracketsAreRefused() async throws {
        // 1.8 MB, under the size limit; libcmark 0.30.2 takes minutes over it.
        try await expectRefused(String(repeating: "![[]()", count: 300_000) + "\n",
                                ["Content/annotations/note.md:5:1: error: too many unclosed image brackets '![' before links"])
    }

    @Test func aRefusedBodyIsReportedAgainFromTheCache() async throws {
        let site = try InlineSite(["annotations/note.md": Self.annotation(String(repeating: "> ", count: 1_000) + "نص\n")])
        defer { site.remove() }
        let cache = site.root.appendingPathComponent("cache")
        for _ in 0..<2 {
            do {
                _ = try await site.pipeline.build(into: site.output, cache: BuildCache(directory: cache))
                Issue.record("the build passed")
            } catch let failure as BuildFailure {
                #expect(failure.description.contains("nested more than 64 levels"), "\(failure)")
            }
        }
    }

    @Test func imageBracketCostCountsPerParagraph() {
        let scattered = Array(String(repeating: "![a](b) and [c](d).\n\n", count: 20_000).utf8)[...]
        #expect(ImageBracketCost.refusal(scattered, firstLine: 1) == nil, "40,000 paragraphs of ordinary images and links")
        let piled = Array((String(repeating: "x\n\n", count: 3) + String(repeating: "![", count: 5_000) + String(repeating: "[]()", count: 5_000)).utf8)[...]
        #expect(ImageBracketCost.refusal(piled, firstLine: 5) == ImageBracketCost.Refusal(line: 11, images: 5_000, closers: 5_000))
    }
}
