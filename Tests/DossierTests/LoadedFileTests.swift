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

/// Cached link results are keyed by digests the loader puts on each record, not by a table beside it.
@Suite struct LoadDigestsTests {
    @Test func recordsLoadedThroughTheCacheCarryTheDigestOfTheirFile() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let cache = BuildCache(directory: site.root.appendingPathComponent("cache"))
        let (withCache, _) = ContentLoader(contentDirectory: site.content, cache: cache).load()
        let (without, _) = ContentLoader(contentDirectory: site.content).load()
        let russia = try #require(withCache?.entities.first { $0.id == "russia" })
        let plain = try #require(without?.entities.first { $0.id == "russia" })
        #expect(russia.loadDigests != nil && plain.loadDigests == nil)
        #expect(russia.contentDigest == russia.loadDigests?.file)
        #expect(russia.fieldsDigest == plain.fieldsDigest, "the fields digest is the same however it was made")
        // A record made or changed in code has no file digest: its own fields are digested.
        var renamed = plain
        renamed.name = "روسيا الاتحادية"
        #expect(renamed.contentDigest != plain.contentDigest)
        #expect(renamed.fieldsDigest != plain.fieldsDigest)
    }

    /// A second file's edit changes its own digest only.
    @Test func anEditChangesThatFilesDigestOnly() throws {
        let site = try InlineSite()
        defer { site.remove() }
        func digests() throws -> [String: Digest] {
            let (loaded, _) = ContentLoader(contentDirectory: site.content, cache: BuildCache(directory: site.root.appendingPathComponent("cache"))).load()
            return Dictionary(uniqueKeysWithValues: try #require(loaded).entities.map { ($0.id, $0.contentDigest) })
        }
        let before = try digests()
        try site.write(InlineSite.russia + "\nسطر جديد.\n", to: "Content/entities/russia.md")
        let after = try digests()
        #expect(before["russia"] != after["russia"])
        #expect(before.filter { $0.key != "russia" } == after.filter { $0.key != "russia" })
    }
}
