import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore
@testable import DossierModel

@Suite struct SiteBehaviourTests {
    @Test func wikiLinksUseTheNameOrTheEditorsLabelAndEscapedOnesStayText() async throws {
        let site = try InlineSite([
            "entities/russia.md": "---\nname: روسيا\nkind: country\n---\nتجاور [[north-korea]] و[[north-korea|الجارة]]، أما \\[\\[north-korea]] فنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("entities/russia.html")
        #expect(html.contains("تجاور <a href=\"../entities/north-korea.html\"><bdi>كوريا الشمالية</bdi></a>"), "the name is isolated")
        #expect(html.contains("<a href=\"../entities/north-korea.html\">والجارة</a>"), "the conjunction joins the link")
        #expect(html.contains("أما [[north-korea]] فنص"))
    }

    @Test func firstMentionPerParagraphIsLinkedAndHeadingsNever() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<h2>عنوان عن روسيا</h2>"))
        #expect(html.contains("وقال إن <a href=\"../entities/russia.html\">لروسيا</a> دوراً، وإن وروسيا ليست"), "second mention recorded, not linked")
        #expect(html.contains("وإن الروسية صفة"))
        let russia = try site.read("entities/russia.html")
        #expect(russia.contains("<span class=\"count\">(3)</span>"), "three mentions outside the heading")
    }

    @Test func templateValuesAreEscaped() async throws {
        let site = try InlineSite([
            "entities/russia.md": "---\nname: \"روسيا <script>x</script>\"\nkind: country\nsummary: \"a & b \\\"c\\\"\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        _ = await site.build()
        let html = try site.read("entities/russia.html")
        #expect(!html.contains("<script>x"))
        #expect(html.contains("روسيا &lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &quot;c&quot;"))
    }

    @Test func englishAnnotationCarriesItsLanguageAndDirection() async throws {
        let site = try InlineSite([
            "annotations/note.md": "---\nquote: \"ترفع العلاقة\"\nlang: en\nkind: analysis\n---\nAn *English* note about [[russia]].\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<mark class=\"quote\" id=\"q-note\">ترفع العلاقة</mark>"))
        #expect(html.contains("<aside class=\"note note-analysis\" id=\"note-note\" aria-labelledby=\"note-note-head\" lang=\"en\" dir=\"ltr\">"))
        #expect(html.contains("<span class=\"note-kind\">Analysis</span>"))
    }

    @Test func quoteIsWidenedToWholeWordsAndFoundThroughNormalisation() async throws {
        let site = try InlineSite([
            "annotations/note.md": "---\nquote: \"لمعاهدة مع روسيا ترفع العلاقه\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<mark class=\"quote\" id=\"q-note\">المعاهدة مع <a href=\"../entities/russia.html\">روسيا</a> ترفع العلاقة</mark>"))
    }

    @Test func unchangedFilesAreNotRewrittenAndPagesNoLongerBuiltGo() async throws {
        let site = try InlineSite(["entities/gone.md": "---\nname: كيان زائل\nkind: concept\n---\nنص.\n"])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/gone.html").path))
        let cover = site.output.appendingPathComponent("404.html")
        let past = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: cover.path)
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("entities/gone.md"))
        guard case .success(let summary) = await site.build() else { Issue.record("build failed"); return }
        let date = try FileManager.default.attributesOfItem(atPath: cover.path)[.modificationDate] as? Date
        #expect(date == past)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/gone.html").path))
        #expect(summary.written?.removed == 1)
    }

    @Test func sitemapOnlyWithBaseURL() async throws {
        let plain = try InlineSite()
        defer { plain.remove() }
        _ = await plain.build()
        #expect(!FileManager.default.fileExists(atPath: plain.output.appendingPathComponent("sitemap.xml").path))
        let withBase = try InlineSite(["site.yml": InlineSite.siteYML + "base_url: https://example.org/dossier\n"])
        defer { withBase.remove() }
        _ = await withBase.build()
        let xml = try withBase.read("sitemap.xml")
        #expect(xml.contains("<loc>https://example.org/dossier/entities/russia.html</loc>"))
        #expect(try withBase.read("index.html").contains("<link rel=\"canonical\" href=\"https://example.org/dossier/index.html\">"))
    }

    @Test func refusesToWriteOverTheContentFolder() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        await #expect(throws: BuildFailure.self) { try await site.pipeline.build(into: site.content) }
    }
}
