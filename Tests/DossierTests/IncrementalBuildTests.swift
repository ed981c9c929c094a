import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierCache
@testable import DossierLinking

/// Builds that reuse an earlier build's cache must write exactly what a clean build writes.
@Suite struct IncrementalBuildTests {
    static let notes: [String: String?] = [
        "annotations/treaty-note.md": "---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة عن [[north-korea]].\n",
        "annotations/role-note.md": "---\nquote: \"لروسيا دوراً\"\nkind: analysis\n---\nتحليل قصير.\n",
    ]

    /// Builds `site` into Public/ with its cache, and from scratch into Clean/; returns the cache used.
    /// `edit` names what changed since the last build, for the message when the two builds differ.
    @discardableResult
    static func buildBoth(_ site: InlineSite, after edit: String = "the first build") async throws -> (BuildCache, BuildSummary) {
        let cache = BuildCache(directory: site.root.appendingPathComponent("cache"))
        let summary = try await site.pipeline.build(into: site.output, cache: cache)
        let clean = site.root.appendingPathComponent("Clean")
        try? FileManager.default.removeItem(at: clean)
        _ = try await site.pipeline.build(into: clean)
        let cached = try snapshot(site.output), fresh = try snapshot(clean)
        let differing = Set(cached.keys).union(fresh.keys).filter { cached[$0] != fresh[$0] }.sorted()
        #expect(differing.isEmpty, "after \(edit), the cached build differs from a clean build in \(differing.joined(separator: ", "))")
        return (cache, summary)
    }

    /// A file that stops being UTF-8 is reported in a cached build as in a clean one.
    @Test func aFileThatIsNoLongerUTF8IsReportedWithACache() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        let cache = BuildCache(directory: site.root.appendingPathComponent("cache"))
        _ = try await site.pipeline.build(into: site.output, cache: cache)
        try cache.save()
        var bytes = Array(InlineSite.russia.utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        try site.write(Data(bytes), to: "Content/entities/russia.md")
        let failure = try await #require(throws: BuildFailure.self) {
            _ = try await site.pipeline.build(into: site.output, cache: BuildCache(directory: site.root.appendingPathComponent("cache")))
        }
        #expect(failure.description.contains("Content/entities/russia.md:6:") && failure.description.contains("this file is not valid UTF-8"), "\(failure)")
    }

    static let reworded = InlineSite.article.replacingOccurrences(of: "مستوى جديد", with: "مستوى جديد مع كوريا الشمالية")
        .replacingOccurrences(of: "أعلن رئيس", with: "أكد رئيس")

    @Test func everyKindOfEditGivesWhatACleanBuildGives() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        let edits: [(String, (InlineSite) throws -> Void)] = [
            ("note body", { try $0.write("---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة أطول عن [[north-korea]] وعن روسيا.\n", to: "Content/annotations/treaty-note.md") }),
            ("quote moved to another paragraph", { try $0.write("---\nquote: \"الروسية صفة\"\nkind: analysis\n---\nتحليل قصير.\n", to: "Content/annotations/role-note.md") }),
            ("alias added", { try $0.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\naliases: [الروسية]"), to: "Content/entities/russia.md") }),
            ("article edited", { try $0.write(InlineSite.article.replacingOccurrences(of: "مستوى جديد", with: "مستوى جديد مع كوريا الشمالية"), to: "Content/articles/treaty.md") }),
            // The cover shows each article's lead, and orders its key actors by their mentions.
            ("lead reworded", { try $0.write(Self.reworded, to: "Content/articles/treaty.md") }),
            ("mentions added after the lead", { try $0.write(Self.reworded + "\nوزار وفد من كوريا الشمالية، ثم وفد ثان من كوريا الشمالية، ثم ثالث من كوريا الشمالية، ثم رابع من كوريا الشمالية.\n", to: "Content/articles/treaty.md") }),
            // The entity index's map shows the strongest ties: paragraphs naming two entities, and
            // descriptions linking one to the other.
            ("ties changed by a paragraph naming both", { try $0.write(Self.reworded + "\nوتقاربت روسيا وكوريا الشمالية أكثر.\n", to: "Content/articles/treaty.md") }),
            ("ties changed by a description linking back", { try $0.write(InlineSite.northKorea + " تجاورها [[russia]].\n", to: "Content/entities/north-korea.md") }),
            ("entity added", { try $0.write("---\nname: المعاهدة\nkind: treaty\n---\nمعاهدة.\n", to: "Content/entities/treaty-pact.md") }),
            ("article title", { try $0.write(InlineSite.article.replacingOccurrences(of: "مستوى جديد", with: "مستوى جديد مع كوريا الشمالية").replacingOccurrences(of: "مقال تجريبي", with: "مقال معدل"), to: "Content/articles/treaty.md") }),
            ("entity summary", { try $0.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\naliases: [الروسية]\nsummary: ملخص جديد"), to: "Content/entities/russia.md") }),
            ("note kind and quote", { try $0.write("---\nquote: \"ترفع العلاقة\"\nkind: analysis\nentities: [russia]\n---\nملاحظة أطول عن [[north-korea]] وعن روسيا.\n", to: "Content/annotations/treaty-note.md") }),
            ("note removed", { try FileManager.default.removeItem(at: $0.content.appendingPathComponent("annotations/role-note.md")) }),
            ("byte-order mark added", { try $0.write("\u{FEFF}" + InlineSite.northKorea, to: "Content/entities/north-korea.md") }),
            ("site title", { try $0.write("title: ملف آخر\nlanguage: ar\n", to: "Content/site.yml") }),
            ("template", { try $0.write("<footer class=\"site-footer\">تذييل جديد</footer>\n", to: "Templates/partials/footer.mustache") }),
            ("unsafe HTML allowed", { try $0.write("title: ملف آخر\nlanguage: ar\nallow_unsafe_html: true\n", to: "Content/site.yml") }),
            // Entity pages are digested without the bodies of the notes they list unless their
            // templates can show them.
            ("entity template shows note bodies", {
                let entity = try String(contentsOf: $0.templates.appendingPathComponent("entity.mustache"), encoding: .utf8)
                try $0.write(entity.replacingOccurrences(of: "«{{quote}}»</a>", with: "«{{quote}}»</a>{{{html}}}"), to: "Templates/entity.mustache")
            }),
            ("event added to an entity", { try $0.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\ndate: \"1991\"\nevents:\n  - date: \"2024-06-19\"\n    text: \"وقّعت روسيا و[[north-korea]] المعاهدة.\""), to: "Content/entities/russia.md") }),
            ("event text edited", { try $0.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\ndate: \"1991\"\nevents:\n  - date: \"2024-06-19\"\n    text: \"وقّعت روسيا المعاهدة مع كوريا الشمالية.\""), to: "Content/entities/russia.md") }),
            ("event date edited", { try $0.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\ndate: \"1991\"\nevents:\n  - date: \"1991\"\n    text: \"وقّعت روسيا المعاهدة مع كوريا الشمالية.\""), to: "Content/entities/russia.md") }),
            ("event added to a note", { try $0.write("---\nquote: \"ترفع العلاقة\"\nkind: analysis\nentities: [russia]\nevents:\n  - date: 2024-12\n    text: حدث في التعليق.\n---\nملاحظة أطول عن [[north-korea]] وعن روسيا.\n", to: "Content/annotations/treaty-note.md") }),
            ("note body shown on its entity page", { try $0.write("---\nquote: \"ترفع العلاقة\"\nkind: analysis\nentities: [russia]\n---\nنص جديد عن [[north-korea]] وعن روسيا.\n", to: "Content/annotations/treaty-note.md") }),
        ]
        for (name, edit) in edits {
            try edit(site)
            try await Self.buildBoth(site, after: name)
        }
    }

    /// An event's new text renders the chronology again (every page, since events are fields), and
    /// the cached build equals a clean one.
    @Test func anEventEditGivesTheSameSiteAsACleanBuild() async throws {
        var files = Self.notes
        files["entities/russia.md"] = InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\nevents:\n  - date: \"2024-06-19\"\n    text: \"نص أول.\"")
        let site = try InlineSite(files)
        defer { site.remove() }
        try await Self.buildBoth(site)
        #expect(try site.read(SiteLayout.chronology).contains("نص أول."))
        try site.write(InlineSite.russia.replacingOccurrences(of: "name_en: Russia", with: "name_en: Russia\nevents:\n  - date: \"2024-06-19\"\n    text: \"نص ثانٍ عن [[north-korea]].\""),
                       to: "Content/entities/russia.md")
        try await Self.buildBoth(site, after: "an event's text edited")
        let page = try site.read(SiteLayout.chronology)
        #expect(page.contains("نص ثانٍ عن") && !page.contains("نص أول."))
        #expect(page.contains("href=\"../entities/north-korea.html\""))
        try site.write(InlineSite.russia, to: "Content/entities/russia.md")
        try await Self.buildBoth(site, after: "the last event removed")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteLayout.chronology).path))
    }

    @Test func aNoteEditRewritesOnlyThePagesShowingItAndReusesTheRest() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        let (rewritten, cache, summary) = try await Self.rebuild(site, writing: "---\nquote: \"لروسيا دوراً\"\nkind: analysis\n---\nتحليل قصير ومعدل.\n",
                                                                  to: "Content/annotations/role-note.md")
        // The note is shown beside its paragraph and in the annotation index, and its text is in
        // the search index's documents and terms; nothing else changed.
        #expect(rewritten == Self.searchFilesOfTheArticles.union(["articles/treaty.html", "annotations/index.html"]))
        #expect(summary.written?.written == 4)
        // Every loaded file but the edited one and every linked result but the edited note's body
        // came from the cache, and of the search index every unit but the articles' group holding
        // the note, with that unit's digests of its part of each term shard.
        #expect(cache.misses == 4)
        #expect(cache.hits > 0)
        #expect(cache.pagesSkipped > 0)
    }

    /// A page digests every note it lists whole, whatever its templates print of them: a note's new
    /// text renders its entity pages again too, and writes only the pages whose bytes changed.
    @Test func aNoteBodyEditRendersEveryPageListingItAndWritesOnlyThoseShowingIt() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        #expect(try site.read("entities/russia.html").contains("المعاهدة مع روسيا"), "russia's page lists the note")
        let pages = try snapshot(site.output).keys.filter { $0.hasSuffix(".html") }.count
        let (rewritten, cache, _) = try await Self.rebuild(site, writing: "---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة معدلة عن [[north-korea]].\n",
                                                            to: "Content/annotations/treaty-note.md")
        #expect(rewritten == Self.searchFilesOfTheArticles.union(["articles/treaty.html", "annotations/index.html"]))
        // The article, the index, russia's page (the note is about russia) and north-korea's (the
        // note links to it) are rendered again; the search index's entry point and the entities'
        // documents are current.
        #expect(cache.pagesSkipped == pages - 4 + 2)
    }

    @Test func aTemplateChangeRendersEveryPageAgain() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        try site.write("<footer class=\"site-footer\">تذييل</footer>\n", to: "Templates/partials/footer.mustache")
        let (cache, _) = try await Self.buildBoth(site, after: "a footer edit")
        // Only the search index's files, which no template makes, are current.
        #expect(cache.pagesSkipped == IncrementalBuildTests.searchFilesOfTheSite.count)
        #expect(try site.read("index.html").contains("تذييل</footer>"))
    }

    /// Without a cache every page is rendered again, and written only where its bytes differ.
    @Test func aBuildWithoutACacheRewritesOnlyFilesWhoseBytesDiffer() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        _ = try await site.pipeline.build(into: site.output)
        try site.write("tampered", to: "Public/entities/russia.html")
        // Every file dated in the past: a file written again has a new date, however coarse the clock.
        let past = Date(timeIntervalSince1970: 946_684_800)
        for path in try snapshot(site.output).keys {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: site.output.appendingPathComponent(path).path)
        }
        let summary = try await site.pipeline.build(into: site.output)
        let after = try Self.modificationDates(site.output)
        #expect(Set(after.keys.filter { after[$0] != past }) == ["entities/russia.html"])
        #expect(summary.written?.writtenPaths == ["entities/russia.html"])
        #expect(summary.written?.written == 1)
        #expect(try site.read("entities/russia.html").contains("<h1>"))
    }

    @Test func aPageEditedOnDiskIsWrittenAgain() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        try site.write("tampered", to: "Public/entities/russia.html")
        try await Self.buildBoth(site, after: "a page edited on disk")
        #expect(try site.read("entities/russia.html") != "tampered")
    }

    /// The cache keeps the search index's terms but not its documents: a document file removed or
    /// edited on disk is made again from the site, as a clean build makes it, and nothing else is
    /// indexed again.
    @Test func searchDocumentsRemovedOrEditedOnDiskAreMadeAgain() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(SiteLayout.searchDocuments(0)))
        try site.write("tampered", to: "Public/" + SiteLayout.searchDocuments(1))
        let (cache, summary) = try await Self.buildBoth(site, after: "search documents removed and edited on disk")
        #expect(Set(try #require(summary.written).writtenPaths) == [SiteLayout.searchDocuments(0), SiteLayout.searchDocuments(1)])
        #expect(cache.misses == 0)
    }

    @Test func aCacheThatCannotBeSavedIsAWarningNotAFailure() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        let blocked = site.root.appendingPathComponent("cache")
        try site.write("not a folder", to: "cache")
        let summary = try await site.pipeline.build(into: site.output, cache: BuildCache(directory: blocked))
        #expect(summary.warnings.contains { $0.severity == .warning && $0.summary.hasPrefix("cannot save the build cache") && $0.path.hasSuffix("cache") })
        #expect(try site.read("index.html").contains("<html"))
    }

    @Test func aDamagedCacheIsIgnored() async throws {
        let site = try InlineSite(Self.notes)
        defer { site.remove() }
        try await Self.buildBoth(site)
        let folder = site.root.appendingPathComponent("cache")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            // Keep the header, scramble what follows.
            for i in stride(from: BuildCache.magic.count + 40, to: bytes.count, by: 7) { bytes[i] ^= 0x5A }
            try Data(bytes).write(to: url)
        }
        try site.write("---\nquote: \"المعاهدة مع روسيا\"\n---\nملاحظة.\n", to: "Content/annotations/treaty-note.md")
        try await Self.buildBoth(site)
    }

    @Test func aDamagedEntryIsLostAloneAndTheRestOfItsFileIsStillRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Three entries in one shard file (the shard is the key's top six bits).
        let keys = (1...3).map { Digest(high: UInt64($0), low: 0x5EED) }
        #expect(Set(keys.map(BuildCache.shard)).count == 1)
        let writing = BuildCache(directory: folder)
        for (i, key) in keys.enumerated() {
            writing.store(key, Linker.BodyResult(html: DigestedText("<p>entry \(i)</p>"), targets: ["e\(i)"], phrases: [i], diagnostics: []))
        }
        try writing.save()

        let url = folder.appendingPathComponent("entries-\(BuildCache.shard(of: keys[0]))")
        var bytes = [UInt8](try Data(contentsOf: url))
        let entries = try #require(bytes.withUnsafeBytes { BuildCache.index(of: $0) })
        let middle = try #require(entries.first { $0.0 == keys[1] })
        bytes[middle.1.lowerBound] ^= 0x5A
        try Data(bytes).write(to: url, options: .atomic)

        let reading = BuildCache(directory: folder)
        let found: [Linker.BodyResult?] = keys.map { reading.lookup($0) }
        #expect(found[0]?.html.string == "<p>entry 0</p>")
        #expect(found[1] == nil)
        #expect(found[2]?.html == DigestedText("<p>entry 2</p>"), "text and digest")
    }

    /// Writes `text` to `path` after an earlier build, builds again (see `buildBoth`) and returns the
    /// output files the build wrote.
    /// The search index's files of a small site: its entry point, one term shard, the entities'
    /// documents, and the documents of its one group of articles and their notes.
    static let searchFilesOfTheSite: Set<String> = [SiteLayout.searchIndex, SiteLayout.searchTerms(0), SiteLayout.searchDocuments(0),
                                                    SiteLayout.searchDocuments(1)]
    /// Those an edit of an article's or a note's text changes.
    static let searchFilesOfTheArticles: Set<String> = [SiteLayout.searchTerms(0), SiteLayout.searchDocuments(1)]

    static func rebuild(_ site: InlineSite, writing text: String, to path: String) async throws -> (rewritten: Set<String>, cache: BuildCache, summary: BuildSummary) {
        try site.write(text, to: path)
        let (cache, summary) = try await buildBoth(site, after: "writing \(path)")
        return (Set(try #require(summary.written).writtenPaths), cache, summary)
    }

    static func modificationDates(_ folder: URL) throws -> [String: Date] {
        var result: [String: Date] = [:]
        for path in try snapshot(folder).keys {
            result[path] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.modificationDate] as? Date
        }
        return result
    }
}
