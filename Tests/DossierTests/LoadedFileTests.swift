import Testing
@testable import DossierCore

/// Loaded files are cached without their body, which comes back from the file's text.
@Suite struct LoadedFileTests {
    static func roundTrip(_ value: LoadedFile<Article>) throws -> LoadedFile<Article> {
        var w = ArchiveWriter()
        value.archive(into: &w)
        return try ArchiveReader.read(w.bytes) { try LoadedFile<Article>(from: &$0) }
    }

    static func article(body: String) -> Article {
        Article(id: "a", path: "Content/articles/a.md", title: "عنوان", source: "مصدر", sourceURL: nil, published: nil,
                language: "ar", highlights: [], markdown: MarkdownSource(text: body, firstLine: 5))
    }

    @Test func theBodyComesBackFromTheEndOfTheFile() throws {
        let body = "نص المقال، مع روسيا.\n\nفقرة ثانية.\n"
        let file = "---\ntitle: عنوان\nsource: مصدر\n---\n" + body
        let stored = try Self.roundTrip(LoadedFile(Loaded(record: Self.article(body: body), diagnostics: []), fileBytes: Array(file.utf8)))
        #expect(stored.loaded.record?.markdown.text == "")
        #expect(stored.restored(from: Array(file.utf8)).record == Self.article(body: body))
    }

    @Test func theFieldsDigestComesBackWithTheRecordAndIgnoresOnlyTheBody() throws {
        let body = "نص المقال.\n"
        let file = "---\ntitle: عنوان\nsource: مصدر\n---\n" + body
        let record = Self.article(body: body)
        let stored = try Self.roundTrip(LoadedFile(Loaded(record: record, diagnostics: []), fileBytes: Array(file.utf8)))
        #expect(stored.fields == record.fieldsDigest)
        #expect(Self.article(body: "نص آخر").fieldsDigest == record.fieldsDigest)
        var retitled = record
        retitled.title = "عنوان آخر"
        #expect(retitled.fieldsDigest != record.fieldsDigest)
    }

    @Test func aBodyThatIsNotTheEndOfTheFileIsStoredWhole() throws {
        let body = "نص معدل"
        let file = "---\ntitle: عنوان\n---\nنص آخر"
        let stored = try Self.roundTrip(LoadedFile(Loaded(record: Self.article(body: body), diagnostics: []), fileBytes: Array(file.utf8)))
        #expect(stored.restored(from: Array(file.utf8)).record == Self.article(body: body))
    }
}
