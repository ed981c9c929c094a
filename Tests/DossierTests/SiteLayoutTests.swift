import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLinking

/// One URL scheme: every page's file and every link come from `SiteLayout`.
@Suite struct SiteLayoutTests {
    @Test func linksGoThroughTheRootOfThePageTheyAreOn() {
        #expect(SiteLayout.url(SiteLayout.entity("russia"), from: SiteLayout.cover) == "entities/russia.html")
        #expect(SiteLayout.url(SiteLayout.entity("russia"), from: SiteLayout.article("treaty")) == "../entities/russia.html")
        #expect(SiteLayout.url(SiteLayout.entity("russia"), from: SiteLayout.entity("china")) == "../entities/russia.html")
        #expect(SiteLayout.url(SiteLayout.article("treaty"), from: SiteLayout.entity("china"), fragment: SiteLayout.quoteAnchor("n1"))
                == "../articles/treaty.html#q-n1")
        #expect(SiteLayout.url(SiteLayout.annotationIndex(page: 2), from: SiteLayout.annotationIndex(page: 0)) == "../annotations/page-3.html")
    }

    @Test func theAnnotationIndexStartsAtIndexHTML() {
        #expect(SiteLayout.annotationIndex(page: 0) == "annotations/index.html")
        #expect(SiteLayout.annotationIndex(page: 1) == "annotations/page-2.html")
    }

    /// Markdown's links to entities are made once for every page that shows rendered Markdown.
    @Test func rendersMarkdownLinksForPagesOneFolderDown() {
        #expect(SiteLayout.root(of: SiteLayout.pageOneFolderDown) == "../")
        #expect(InlineRewriter.entityURL("russia") == SiteLayout.url(SiteLayout.entity("russia"), from: SiteLayout.entity("x")))
    }
}
