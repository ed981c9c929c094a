import Foundation
import Testing
@testable import DossierCore
@testable import DossierRendering

/// The annotation index is cut into pages of `annotations_per_page`, and every link to a note in it
/// points at the page that lists it.
@Suite struct AnnotationIndexTests {
    /// Five notes on the inline article, in article order n1…n5; kinds alternate, so the index
    /// (grouped by kind) lists context n1 n3 n5, then analysis n2 n4.
    static func notes(perPage: Int?) -> [String: String?] {
        func note(_ quote: String, _ kind: String, _ body: String) -> String {
            "---\nquote: \"\(quote)\"\nkind: \(kind)\n---\n\(body)\n"
        }
        return [
            "site.yml": InlineSite.siteYML + "base_url: https://example.org/d/\n" + (perPage.map { "annotations_per_page: \($0)\n" } ?? ""),
            "annotations/n1.md": note("أعلن رئيس", "context", "ملاحظة أولى."),
            "annotations/n2.md": note("المعاهدة مع روسيا", "analysis", "ملاحظة ثانية."),
            "annotations/n3.md": note("ترفع العلاقة", "context", "ملاحظة ثالثة."),
            "annotations/n4.md": note("مستوى جديد", "analysis", "ملاحظة رابعة عن [[russia]]."),
            "annotations/n5.md": note("الروسية صفة", "context", "ملاحظة خامسة."),
        ]
    }

    /// The note ids an index page lists, in order.
    static func listed(_ html: String) -> [String] {
        html.components(separatedBy: "<li id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func pagesFollowTheKindGroupsAndLinkToEachOther() async throws {
        let site = try InlineSite(Self.notes(perPage: 2))
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let first = try site.read("annotations/index.html")
        let second = try site.read("annotations/page-2.html")
        let third = try site.read("annotations/page-3.html")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("annotations/page-4.html").path))
        #expect(Self.listed(first) == ["n1", "n3"])
        #expect(Self.listed(second) == ["n5", "n2"])
        #expect(Self.listed(third) == ["n4"])
        // A group keeps its full count on every page it spans.
        #expect(second.contains("<section class=\"annotation-group\" id=\"context\">\n<h2>سياق <span class=\"count\">(3)</span></h2>\n<ol class=\"annotation-list\" start=\"3\">"))
        #expect(second.contains("<section class=\"annotation-group\" id=\"analysis\">\n<h2>تحليل <span class=\"count\">(2)</span></h2>\n<ol class=\"annotation-list\">"))
        #expect(Self.listed(third) == ["n4"] && third.contains("<ol class=\"annotation-list\" start=\"2\">"))
        // Previous and next, and the current page marked.
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("rel=\"next\" href=\"../annotations/page-2.html\""))
        #expect(second.contains("rel=\"prev\" href=\"../annotations/index.html\""))
        #expect(second.contains("rel=\"next\" href=\"../annotations/page-3.html\""))
        #expect(!third.contains("rel=\"next\""))
        #expect(second.contains("<a href=\"../annotations/page-2.html\" aria-current=\"page\">2</a>"))
        #expect(second.contains("<a href=\"../annotations/index.html\">1</a>"))
        #expect(third.contains("<title>التعليقات · صفحة 3 من 3 · ملف تجريبي</title>"))
        // The entity a note links to points at the page that lists the note.
        #expect(try site.read("entities/russia.html").contains("href=\"../annotations/page-3.html#n4\""))
        let sitemap = try site.read("sitemap.xml")
        for page in ["annotations/index.html", "annotations/page-2.html", "annotations/page-3.html"] {
            #expect(sitemap.contains("<loc>https://example.org/d/\(page)</loc>"))
        }
    }

    @Test(arguments: [nil, 0, 5])
    func oneIndexPageWithoutAPagerWhenEverythingFits(perPage: Int?) async throws {
        let site = try InlineSite(Self.notes(perPage: perPage))
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let index = try site.read("annotations/index.html")
        #expect(Self.listed(index) == ["n1", "n3", "n5", "n2", "n4"])
        #expect(!index.contains("page-numbers"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("annotations/page-2.html").path))
        #expect(try site.read("entities/russia.html").contains("href=\"../annotations/index.html#n4\""))
    }

    @Test func aNoteEditRewritesOnlyTheIndexPageListingIt() async throws {
        let site = try InlineSite(Self.notes(perPage: 2))
        defer { site.remove() }
        try await IncrementalBuildTests.buildBoth(site)
        let (rewritten, cache, _) = try await IncrementalBuildTests.rebuild(
            site, writing: "---\nquote: \"الروسية صفة\"\nkind: context\n---\nملاحظة خامسة ومعدلة.\n", to: "Content/annotations/n5.md")
        // The site has a base_url, so its Atom feed, which carries every note whole, is written again
        // too, with the search index's files holding the note's text.
        #expect(rewritten == IncrementalBuildTests.searchFilesOfTheArticles.union(["articles/treaty.html", "annotations/page-2.html", "feed.xml"]))
        // Of the 12 pages (the search page among them) only those three were rendered again: the
        // others were known to be current, and so were the search index's entry point and the
        // entities' documents.
        #expect(cache.pagesSkipped == 9 + 2)
    }

    @Test func aChangedPageSizeGivesWhatACleanBuildGives() async throws {
        let site = try InlineSite(Self.notes(perPage: 2))
        defer { site.remove() }
        try await IncrementalBuildTests.buildBoth(site)
        try site.write(InlineSite.siteYML + "base_url: https://example.org/d/\nannotations_per_page: 3\n", to: "Content/site.yml")
        try await IncrementalBuildTests.buildBoth(site, after: "a page size of 3")
        #expect(Self.listed(try site.read("annotations/page-2.html")) == ["n2", "n4"])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("annotations/page-3.html").path))
        #expect(try site.read("entities/russia.html").contains("href=\"../annotations/page-2.html#n4\""))
    }

    @Test(arguments: [
        (0, 1, [0]),
        (0, 5, [0, 1, 2, 3, 4]),
        (0, 60, [0, 1, 2, nil, 58, 59]),
        (6, 60, [0, 1, nil, 4, 5, 6, 7, 8, nil, 58, 59]),
        // A run of one page is shown, not replaced by a gap.
        (4, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (59, 60, [0, 1, nil, 57, 58, 59]),
    ] as [(Int, Int, [Int?])])
    func thePagerShowsTheEndsAndTheNeighbourhood(current: Int, count: Int, expected: [Int?]) {
        #expect(PageContext.pagerNumbers(current: current, count: count) == expected)
    }
}
