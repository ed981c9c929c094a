import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading

/// Cached link results and page digests are keyed by digests of what each record was loaded from,
/// carried on the record: a field added to a record is covered without anything to update.
@Suite struct LoadDigestsTests {
    static func entity(_ site: InlineSite, _ id: String) throws -> Entity {
        let (loaded, _) = ContentLoader(contentDirectory: site.content).load()
        return try #require(loaded?.entities.first { $0.id == id })
    }

    @Test func everyLoadedRecordCarriesTheDigestsOfItsFile() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let russia = try Self.entity(site, "russia")
        let digests = try #require(russia.loadDigests)
        #expect(russia.contentDigest == digests.file && russia.fieldsDigest == digests.fields)
        #expect(digests.file != digests.fields)
    }

    @Test func aBodyEditChangesTheFileDigestOnlyAndAFieldEditBoth() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let before = try Self.entity(site, "russia"), neighbour = try Self.entity(site, "north-korea")
        try site.write(InlineSite.russia + "\nسطر جديد.\n", to: "Content/entities/russia.md")
        let body = try Self.entity(site, "russia")
        #expect(body.contentDigest != before.contentDigest)
        #expect(body.fieldsDigest == before.fieldsDigest)
        // Any front matter key counts, whether or not the record archives it.
        try site.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russian Federation"), to: "Content/entities/russia.md")
        let field = try Self.entity(site, "russia")
        #expect(field.contentDigest != before.contentDigest)
        #expect(field.fieldsDigest != before.fieldsDigest)
        #expect(try Self.entity(site, "north-korea").loadDigests == neighbour.loadDigests, "another file's digests stay")
    }

    /// A record made in code has no file: its digests come from its archived form.
    @Test func aRecordMadeInCodeIsDigestedFromItsFields() {
        let article = Article(id: "a", path: "Content/articles/a.md", title: "عنوان", source: "مصدر", sourceURL: nil, published: nil,
                              language: "ar", highlights: [], markdown: MarkdownSource(text: "نص.", firstLine: 5))
        var retitled = article
        retitled.title = "عنوان آخر"
        var rewritten = article
        rewritten.markdown = MarkdownSource(text: "نص آخر.", firstLine: 5)
        #expect(article.loadDigests == nil)
        #expect(retitled.fieldsDigest != article.fieldsDigest && retitled.contentDigest != article.contentDigest)
        #expect(rewritten.fieldsDigest == article.fieldsDigest && rewritten.contentDigest != article.contentDigest)
    }
}
