import Foundation
import Testing
@testable import ArabicText
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading
@testable import DossierLinking
@testable import DossierCache
@testable import DossierSearch

/// The search index (`SearchIndex`): what a query finds, read from the files a build writes, the
/// way the search page reads them.
@Suite struct SearchIndexTests {
    /// The index files of a built site, parsed.
    struct Index {
        var meta: [String: Any]
        var terms: [String: [Int]] = [:]
        var documents: [[Any]] = []
        var files: [String: String]

        init(output: URL) throws {
            let folder = output.appendingPathComponent("search")
            var files: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files["search/" + name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            }
            try self.init(files: files)
        }

        /// The index of the files `SearchIndex.files` made in memory.
        init(_ made: [OutputFile]) throws {
            try self.init(files: Dictionary(uniqueKeysWithValues: made.map { ($0.path, String(decoding: $0.data ?? Data(), as: UTF8.self)) }))
        }

        init(files: [String: String]) throws {
            self.files = files
            meta = try Self.json(files[SiteLayout.searchIndex]!, prefix: "self.DossierSearchIndex=", suffix: ";\n") as! [String: Any]
            for n in 0..<(meta["termShards"] as! Int) {
                let text = files[SiteLayout.searchTerms(n)]!
                let shard = try Self.json(text, prefix: "DossierSearch.terms(\(n),", suffix: ");\n") as! [String: [Int]]
                for (key, deltas) in shard {
                    var at = 0
                    terms[key] = deltas.map { at += $0; return at }
                }
            }
            for n in 0..<(meta["documentShards"] as! [Int]).count {
                let text = files[SiteLayout.searchDocuments(n)]!
                // The entities' shards are JSON, the others compressed JSON in ISO-8859-6 in base64.
                let value = try Self.json(text, prefix: "DossierSearch.documents(\(n),", suffix: ");\n")
                if let base64 = value as? String {
                    let json = try #require(Self.iso88596(Deflate.decompress(Data(base64Encoded: base64)!)!))
                    documents += try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[Any]]
                } else {
                    documents += value as! [[Any]]
                }
            }
        }

        /// Bytes read as the page's `TextDecoder("iso-8859-6")` reads them (the Encoding Standard's
        /// table: ASCII and C1 controls as they are, then these); nil for a byte it leaves undefined.
        static func iso88596(_ bytes: [UInt8]) -> String? {
            var text = String.UnicodeScalarView()
            for b in bytes {
                switch b {
                case 0..<0xA0, 0xA0, 0xA4, 0xAD: text.append(Unicode.Scalar(b))
                case 0xAC: text.append("\u{060C}")
                case 0xBB: text.append("\u{061B}")
                case 0xBF: text.append("\u{061F}")
                case 0xC1...0xDA, 0xE0...0xF2: text.append(Unicode.Scalar(UInt32(b) + 0x560)!)
                default: return nil
                }
            }
            return String(text)
        }

        static func json(_ text: String, prefix: String, suffix: String) throws -> Any {
            #expect(text.hasPrefix(prefix) && text.hasSuffix(suffix))
            let body = text.dropFirst(prefix.count).dropLast(suffix.count)
            return try JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
        }

        /// The documents holding every word of `query`, looked up as the page looks them up (each
        /// word under itself and its stems), as their links.
        func find(_ query: String) -> [String] {
            var found: Set<Int>?
            for word in Tokenizer.words(of: query) {
                let docs = Set(SearchIndex.keys(of: word).flatMap { terms[$0] ?? [] })
                found = found.map { $0.intersection(docs) } ?? docs
            }
            return (found ?? []).sorted().map { documents[$0][1] as! String }
        }
    }

    static let note = """
    ---
    quote: "المعاهدة مع روسيا"
    lang: en
    kind: analysis
    ---
    Russia used its Security Council VETO twice.
    """

    static let hostileEntity = """
    ---
    name: "بيونغ يانغ"
    kind: place
    name_en: "Pyongyang</script><script>alert(1)</script>"
    summary: "عاصمة\u{2028}كوريا الشمالية </script><!-- \u{2029} \\" ' & مُسْتَشْفَى المدينة"
    ---
    مدينة.
    """

    static func built(_ files: [String: String?] = [:]) async throws -> (InlineSite, Index) {
        var all: [String: String?] = ["annotations/veto.md": note]
        for (k, v) in files { all[k] = v }
        let site = try InlineSite(all)
        guard case .success = await site.build() else { throw TestSetupError.firstBuildFailed }
        return (site, try Index(output: site.output))
    }

    static let secondArticle = """
    ---
    title: "مقال ثان"
    source: "«مصدر»"
    ---

    وقالت كوريا الشمالية إن لروسيا دوراً في المنطقة.
    """

    static func notes(_ text: String) -> [String: String?] {
        ["annotations/veto.md": note.replacingOccurrences(of: "kind: analysis", with: "kind: analysis\narticle: treaty"),
         "annotations/role.md": "---\nquote: \"لروسيا دوراً في المنطقة\"\narticle: second\nkind: context\n---\n\(text)\n",
         "articles/second.md": secondArticle]
    }

    static func linked(_ site: InlineSite) throws -> LinkedSite {
        let (loaded, diagnostics) = ContentLoader(contentDirectory: site.content).load()
        let (linked, linkDiagnostics) = Linker.link(try #require(loaded))
        #expect(!(diagnostics + linkDiagnostics).contains { $0.severity == .error }, "\(diagnostics + linkDiagnostics)")
        return linked
    }

    /// Cut into one group per article, the index holds the same documents and finds the same ones
    /// as in one group; a rebuild through the cache after a note edit indexes only the group
    /// holding the note and makes exactly the files a build without the cache makes.
    @Test func groupsOfArticlesIndexEveryDocumentAndARebuildRedoesOnlyTheEditedOne() throws {
        let site = try InlineSite(Self.notes("ملاحظة عن الدور."))
        defer { site.remove() }
        let linked = try Self.linked(site)
        let whole = try Index(SearchIndex.files(for: linked))
        let split = try Index(SearchIndex.files(for: linked, groupBytes: 1))
        #expect((whole.meta["documentShards"] as! [Int]).count == 2, "the entities and one group")
        #expect((split.meta["documentShards"] as! [Int]).count == 3, "the entities and a group per article")
        let links = { (index: Index) in Set(index.documents.map { $0[1] as! String }) }
        #expect(links(split) == links(whole) && split.documents.count == whole.documents.count)
        for query in ["روسيا", "المنطقة", "veto", "كوريا الشمالية"] {
            #expect(Set(split.find(query)) == Set(whole.find(query)), "\(query)")
        }
        #expect(split.find("المنطقة").contains { $0.contains("second.html#note-role") })

        let cache = BuildCache(directory: site.root.appendingPathComponent("cache"))
        _ = SearchIndex.files(for: linked, cache: cache, groupBytes: 1)
        try site.write(Self.notes("ملاحظة معدلة عن الطاقة.")["annotations/role.md"]!!, to: "Content/annotations/role.md")
        let edited = try Self.linked(site)
        let misses = cache.misses
        let cached = SearchIndex.files(for: edited, cache: cache, groupBytes: 1)
        // The edited note's group and that group's digests of its part of each term shard.
        #expect(cache.misses - misses == 2)
        let clean = SearchIndex.files(for: edited, groupBytes: 1)
        #expect(cached.map(\.path) == clean.map(\.path) && cached.map(\.data) == clean.map(\.data))
        #expect(try Index(cached).find("الطاقة").contains { $0.contains("second.html#note-role") })
    }

    /// Compressed parts are cut every `documentShardBytes` of JSON; the entities' documents, which
    /// every query reads, stay in one part however many there are.
    @Test func compressedPartsAreCutAndTheEntitiesStayInOne() throws {
        let text = Array(String(repeating: "نص المعاهدة بين البلدين ", count: 40).utf8)
        // In ISO-8859-6, an Arabic letter takes one byte: about half of the text's UTF-8. Enough
        // documents for about six parts, whatever the parts' size.
        let count = 6 * SearchIndex.documentShardBytes / (text.count / 2)
        let docs = (0..<count).map { SearchIndex.Document(kind: .paragraph, url: "articles/a.html#p\($0)", title: "المقال", text: text) }
        #expect(docs.count * text.count / 2 > 5 * SearchIndex.documentShardBytes)
        let compressed = SearchIndex.Parts(docs, compressed: true)
        #expect(compressed.counts.count > 4 && compressed.counts.reduce(0, +) == docs.count)
        let plain = SearchIndex.Parts(docs, compressed: false)
        #expect(plain.counts == [docs.count])
        let json = try JSONSerialization.jsonObject(with: Data(plain.texts[0])) as! [[Any]]
        #expect(json.count == docs.count && json.last?[1] as? String == "articles/a.html#p\(count - 1)")
    }

    @Test func aWordWithProcliticsFindsTheBareNameAndItsForms() async throws {
        let (site, index) = try await Self.built()
        defer { site.remove() }
        let found = index.find("لروسيا")
        #expect(found.first == "entities/russia.html", "the entity comes first in the documents")
        // The article's paragraphs holding روسيا, لروسيا and وروسيا, and the note quoting it.
        #expect(found.contains("articles/treaty.html#p1"))
        #expect(found.contains("articles/treaty.html#p2"))
        #expect(found.contains("articles/treaty.html#note-veto"))
        #expect(index.find("روسيا") == found)
        // Suffixes are never stripped: the adjective is not the country.
        #expect(!index.find("الروسية").contains("entities/russia.html"))
    }

    @Test func hamzaAlefMaqsuraTaMarbutaAndTashkeelVariantsFindTheText() async throws {
        let (site, index) = try await Self.built([
            "entities/hospital.md": "---\nname: مستشفى الأمل\nkind: place\nsummary: \"مؤسسة طبية في إسطنبول\"\n---\nمكان.\n",
        ])
        defer { site.remove() }
        for query in ["مستشفي", "مستشفى", "مُسْتَشْفَى", "الامل", "الأمل", "اسطنبول", "مؤسسه", "مؤسسة", "ـمستشفى"] {
            #expect(index.find(query) == ["entities/hospital.html"], "query «\(query)»")
        }
        #expect(index.find("كوريا الشمالية").contains("entities/north-korea.html"))
        #expect(index.find("وكوريا الشماليه").contains("entities/north-korea.html"))
    }

    @Test func englishNotesAreFoundByLowerCasedWords() async throws {
        let (site, index) = try await Self.built()
        defer { site.remove() }
        #expect(index.find("veto") == ["articles/treaty.html#note-veto"])
        #expect(index.find("Security VETO") == ["articles/treaty.html#note-veto"])
        #expect(index.find("Russia").contains("entities/russia.html"), "the English name is searched too")
        let note = index.documents.first { $0[1] as? String == "articles/treaty.html#note-veto" }!
        #expect(note[0] as? String == "n")
        #expect(note[4] as? String == "en", "a note in another language carries its tag")
    }

    @Test func paragraphsLinkToTheirBlockAnchorAndLeaveOutNoteMarkers() async throws {
        let (site, index) = try await Self.built()
        defer { site.remove() }
        let paragraphs = index.documents.filter { $0[0] as? String == "p" }
        #expect(paragraphs.map { $0[1] as! String } == ["articles/treaty.html#p1", "articles/treaty.html#s1", "articles/treaty.html#p2"])
        let first = paragraphs[0][3] as! String
        #expect(first == "أعلن رئيس كوريا الشمالية أن المعاهدة مع روسيا ترفع العلاقة إلى مستوى جديد.", "no marker number, no tags: \(first)")
    }

    @Test func twoBuildsWriteTheSameBytes() async throws {
        let (site, first) = try await Self.built(["entities/hostile.md": Self.hostileEntity])
        defer { site.remove() }
        let linked = try #require(try? site.pipeline.render().0)
        let again = linked.filter { $0.path.hasPrefix("search/") }
        #expect(again.count == first.files.count)
        for file in again {
            let text = file.data.map { String(decoding: $0, as: UTF8.self) }
            #expect(text == first.files[file.path], "\(file.path)")
        }
    }

    @Test func hostileTextCannotEndTheScriptOrItsStrings() async throws {
        let (site, index) = try await Self.built(["entities/hostile.md": Self.hostileEntity])
        defer { site.remove() }
        for (path, text) in index.files {
            #expect(!text.contains("</"), "\(path) holds </")
            #expect(!text.contains("<!--"), "\(path) holds <!--")
            #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }, "\(path) holds a raw line separator")
        }
        // The entities' documents are JSON in their script (nearly every query reads them, with
        // nothing to decompress), the articles' and notes' compressed.
        #expect(index.files[SiteLayout.searchDocuments(0)]?.hasPrefix("DossierSearch.documents(0,[[\"e\",") == true)
        let last = (index.meta["documentShards"] as! [Int]).count - 1
        #expect(index.files[SiteLayout.searchDocuments(last)]?.hasPrefix("DossierSearch.documents(\(last),\"") == true)
        let hostile = try #require(index.documents.first { $0[1] as? String == "entities/hostile.html" })
        #expect((hostile[6] as? [String])?.contains("Pyongyang</script><script>alert(1)</script>") == true, "the text comes back whole")
        #expect((hostile[3] as? String)?.contains("\u{2028}") == true)
        // The documents' JSON, before compression, escapes the same way.
        var js = JavaScriptLiteral()
        js.string("a</script>\u{2028}\u{2029}\"\\\u{0}")
        #expect(String(decoding: js.bytes, as: UTF8.self) == #""a\u003c/script\u003e\u2028\u2029\"\\\u0000""#)
        #expect(index.find("مستشفي") == ["entities/hostile.html"])
    }

    /// The term shards' document numbers, written in decimal straight into a buffer.
    @Test func decimalNumbersAreWrittenWhole() {
        var buffer = [UInt8](repeating: 0, count: 10)
        for value: UInt32 in [0, 7, 9, 10, 42, 99, 100, 999, 1000, 65_535, 999_999_999, 1_000_000_000, UInt32.max] {
            let count = buffer.withUnsafeMutableBufferPointer { JavaScriptLiteral.decimal(value, at: $0.baseAddress!) }
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == String(value))
        }
    }

    /// A run ends at the next space or at the end of the text, and its hash depends on its bytes
    /// alone, wherever it stands (read eight bytes at a time, so every length and offset is tried).
    @Test func aRunEndsAtTheNextSpaceAndHashesTheSameAnywhere() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x20, 0x61, 0x62, 0xD8, 0xA7, 0x00, 0xFF]
        var hashes: [[UInt8]: UInt32] = [:]
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            text.withUnsafeBufferPointer { buffer in
                for start in text.indices where text[start] != 0x20 {
                    let (end, hash) = SearchIndex.Indexer.run(buffer.baseAddress!, from: start, count: text.count)
                    #expect(end == text[start...].firstIndex(of: 0x20) ?? text.count)
                    let run = Array(text[start..<end])
                    #expect(hashes[run, default: hash] == hash, "\(run)")
                    hashes[run] = hash
                }
            }
        }
        #expect(Set(hashes.values).count > hashes.count * 9 / 10, "runs spread over hashes")
    }

    /// A compressed part's JSON is ISO-8859-6: Arabic letters, marks and punctuation one byte each,
    /// every other scalar above ASCII a `\u` escape (a pair of them beyond the BMP), and the same
    /// escapes as in UTF-8 for the rest; read back as the page reads it, every string is whole.
    @Test func compressedDocumentsAreISO88596AndComeBackWhole() throws {
        let texts = ["ولروسيا، المعاهدةُ؟ «نعم» ؛ پ ٣ ۴ 1961", "المعاهدة٣الروسيةپكوريا٠ابجد", "a</script>\u{2028}\u{2029}\"\\\u{0}\t\u{7F}", "😀 ﻻ é\u{A0}\u{AD}\u{A4}—"]
        for text in texts {
            var js = JavaScriptLiteral()
            js.singleByteArabic = true
            js.string(text)
            let read = try #require(Index.iso88596(js.bytes))
            #expect(try JSONSerialization.jsonObject(with: Data(read.utf8), options: .fragmentsAllowed) as? String == text)
            #expect(!read.contains("</") && !read.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        }
        var js = JavaScriptLiteral()
        js.singleByteArabic = true
        js.string("روسيا، پ😀")
        #expect(js.bytes == [UInt8(ascii: "\"")] + [0xD1, 0xE8, 0xD3, 0xEA, 0xC7, 0xAC, 0x20] + Array(#"\u067e\ud83d\ude00""#.utf8))
    }

    /// The page's script normalises a query with tables the build writes from the Swift rules; the
    /// browser test runs the script on these cases and expects these results (see test_search.py).
    @Test func normalisationCasesForTheBrowserMatchTheSwiftRules() throws {
        let url = repositoryRoot.appendingPathComponent("Tests/Browser/fixtures/normalization-cases.json")
        var inputs: [String] = []
        for v in UInt32(0x20)..<0x900 { if let s = Unicode.Scalar(v) { inputs.append(String(s)) } }
        inputs += ["لروسيا", "وبالصين", "للصين", "أُوكْرَانِيَا", "مُسْتَشْفَى", "مدرسة", "إسطنبول", "آسيا", "ٱلله", "ﻻ", "ﷲ", "ﺭﻭﺳﻴﺎ",
                   "Ｒｕｓｓｉａ", "ﬁle", "٢٠٢٤", "۱۹۹۱", "مسؤول", "مسئول", "ـروسيـا", "\u{200F}روسيا\u{200E}", "VETO Security-Council",
                   "ی ک", "x\u{0301}y", "𝐀𝐁", "①", "ﾛｼｱ", "cafe\u{0301}"]
        let cases = inputs.map { input -> [String: Any] in
            let words = Tokenizer.words(of: input)
            return ["input": input, "normalized": ArabicNormalizer.key(input), "words": words,
                    "stems": words.map { Proclitics.stems(of: $0) }, "shards": words.map { Int(SearchIndex.hash($0)) }]
        }
        let data = try JSONSerialization.data(withJSONObject: cases, options: [.prettyPrinted, .sortedKeys])
        if ProcessInfo.processInfo.environment["DOSSIER_RECORD"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let recorded = try Data(contentsOf: url)
        #expect(recorded == data, "re-record with DOSSIER_RECORD=1 swift test --filter SearchIndexTests")
    }

    /// The indexer reads a text run by run (between spaces) and looks each run up once; it lists
    /// the same keys for the same documents as reading each whole text's normalised words and their
    /// stems, whatever the runs hold: clitics, marks, punctuation, scalars that normalise to a
    /// space or to several letters, other white space, runs met again in other documents.
    @Test func readingRunByRunListsWhatTheWholeTextsWordsList() {
        let texts = [
            "ولروسيا، وروسيا. رُوسِيا  «الاتفاقية» بروسيــا",
            " روسيا\u{00A0}كوريا ﻻ ＶＥＴＯ Veto-power\nبالمعاهدة\t\u{200F}للمعاهدة ",
            "ولروسيا، كوريا للمعاهدة veto ١٩٦١ 1961 إلى الى",
            "",
            "   ",
            "ولروسيا، ولروسيا، روسيا",
        ]
        var indexer = SearchIndex.Indexer()
        for (d, text) in texts.enumerated() { indexer.add(text, document: Int32(d)) }
        let (postings, starts) = indexer.postings()
        var listed: [String: [Int32]] = [:]
        for t in 0..<indexer.terms.count {
            let key = String(String.UnicodeScalarView(indexer.terms.scalars(t).map { Unicode.Scalar($0)! }))
            listed[key] = Array(postings[Int(starts[t])..<Int(starts[t + 1])])
        }

        var expected: [String: [Int32]] = [:]
        for (d, text) in texts.enumerated() {
            var text = text
            let (scalars, ends) = text.withUTF8 { ArabicNormalizer.normalizedWords(utf8: $0) }
            var start = 0
            for end in ends {
                let word = String(String.UnicodeScalarView(scalars[start..<end].map { Unicode.Scalar($0)! }))
                start = end
                for key in SearchIndex.keys(of: word) where expected[key]?.last != Int32(d) { expected[key, default: []].append(Int32(d)) }
            }
        }
        #expect(listed == expected)
        #expect(listed["روسيا"] == [0, 1, 2, 5] && listed["veto"] == [1, 2] && listed["المعاهده"] == [1, 2])
    }

    @Test func theTablesCoverEveryScalarTheRulesChange() {
        for v in UInt32(0x10000)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(!ArabicNormalizer.isDeleted(s) && ArabicNormalizer.fold(s) == s)
        }
        #expect(NormalizationRules.folds.contains { $0.from == 0x0629 && $0.to == 0x0647 }, "ة → ه")
        #expect(NormalizationRules.deleted.contains { $0.contains(0x064E) }, "fatha")
    }

    @Test func theSearchPageIsWrittenWithItsLabelsAndTheHeaderFormOnEveryPage() async throws {
        let (site, _) = try await Self.built()
        defer { site.remove() }
        let search = try site.read(SiteLayout.search)
        #expect(search.contains(#"<script src="search/index.js"></script>"#))
        #expect(search.contains(#"role="status""#))
        let article = try site.read(SiteLayout.article("treaty"))
        #expect(article.contains(#"<form class="site-search" role="search" action="../search.html" method="get">"#))
        #expect(article.contains(#"<input type="search" id="site-search-query" name="q" dir="auto">"#))
    }

    @Test func aSiteWithSearchOffHasNoIndexNoSearchPageAndNoSearchBoxAndGetsThemBackWhenItIsOn() async throws {
        let (site, _) = try await Self.built()
        defer { site.remove() }
        let searchFolder = site.output.appendingPathComponent("search").path
        func hasSearch() throws -> (page: Bool, index: Bool, box: Bool) {
            (FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteLayout.search).path),
             FileManager.default.fileExists(atPath: searchFolder),
             try site.read(SiteLayout.article("treaty")).contains("site-search"))
        }
        #expect(try hasSearch() == (true, true, true))

        try site.write(InlineSite.siteYML + "search: false\n", to: "Content/site.yml")
        guard case .success = await site.build() else { Issue.record("the build with search off failed"); return }
        #expect(try hasSearch() == (false, false, false))
        #expect(try !site.read(SiteLayout.cover).contains("site-search"))

        try site.write(InlineSite.siteYML + "search: true\n", to: "Content/site.yml")
        guard case .success = await site.build() else { Issue.record("the build with search on failed"); return }
        #expect(try hasSearch() == (true, true, true))
    }

    @Test func aSearchFieldThatIsNotTrueOrFalseIsAnError() async throws {
        try await expectFailingRebuild(["site.yml:4:9: error: field 'search' must be true or false"]) { site in
            try site.write(InlineSite.siteYML + "search: maybe\n", to: "Content/site.yml")
        }
    }
}
