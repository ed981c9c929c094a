import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore

@Suite struct QuoteAcrossLinesTests {
    @Test func aQuoteMatchesAcrossTheEditorsLineWrapping() async throws {
        let article = "---\ntitle: \"م\"\nsource: \"م\"\n---\n\nأعلن رئيس كوريا الشمالية أن المعاهدة\nمع روسيا ترفع العلاقة.\n"
        let site = try InlineSite([
            "articles/treaty.md": article,
            "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(try site.read("articles/treaty.html").contains("<mark class=\"quote\" id=\"q-note\">المعاهدة</mark>"))
    }
}
