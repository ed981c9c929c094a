import Testing
@testable import DossierCore

/// Digests key the build cache: equal inputs must agree and any changed byte must show.
@Suite struct DigestTests {
    static func digest(_ bytes: [UInt8]) -> Digest {
        var d = Digester("test")
        bytes.withUnsafeBytes { d.add(bytes: $0) }
        return d.finish()
    }

    @Test func everyByteOfShortAndLongInputsCounts() {
        for length in [1, 7, 8, 31, 32, 63, 64, 65, 100, 257, 1023, 1024, 1500] {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var seen: Set<Digest> = [Self.digest(base)]
            for position in 0..<length {
                var changed = base
                changed[position] ^= 0x01
                #expect(seen.insert(Self.digest(changed)).inserted, "length \(length), byte \(position)")
            }
        }
    }

    @Test func swappedWordsDiffer() {
        let words: [UInt8] = (0..<64).map { UInt8($0) }
        var swapped = words
        for k in 0..<8 { swapped.swapAt(k, k + 8) }
        #expect(Self.digest(words) != Self.digest(swapped))
        var blocks = words
        for k in 0..<32 { blocks.swapAt(k, k + 32) }
        #expect(Self.digest(words) != Self.digest(blocks))
    }

    /// A run of 1,024 bytes or more enters the digest as its own hash: its length still counts.
    @Test func longAndShortRunsAreTold() {
        let long = [UInt8](repeating: 7, count: 1024), short = [UInt8](repeating: 7, count: 1023)
        var one = Digester("test"), two = Digester("test")
        long.withUnsafeBytes { one.add(bytes: $0) }
        short.withUnsafeBytes { two.add(bytes: $0) }
        [UInt8(7)].withUnsafeBytes { two.add(bytes: $0) }
        #expect(one.finish() != two.finish())
    }

    @Test func fieldsAreDelimited() {
        var ab = Digester("test"), a_b = Digester("test")
        ab.add("ab"); ab.add("")
        a_b.add("a"); a_b.add("b")
        #expect(ab.finish() != a_b.finish())
        var number = Digester("test"), flag = Digester("test")
        number.add(1); flag.add(true)
        #expect(number.finish() != flag.finish())
    }
}

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

/// An entity's mentions are digested from digests made when each article is linked, so a rebuild
/// need not read their sentences; the digest must not depend on how the list is kept.
@Suite struct MentionListTests {
    static func mention(_ entity: String, _ article: String, _ anchor: String, _ words: String) -> Mention {
        Mention(entityID: entity, articleID: article, anchor: anchor, before: "قال ", text: words, after: " أمس.")
    }

    static let a1 = [mention("russia", "a1", "p1", "روسيا"), mention("korea", "a1", "p1", "كوريا"), mention("russia", "a1", "p3", "موسكو")]
    static let a2 = [mention("russia", "a2", "p2", "روسيا"), mention("korea", "a2", "p2", "بيونغ يانغ")]

    /// Russia's mentions as runs of the two articles' mentions, as the linker gathers them.
    static func runs(_ first: [Mention], _ second: [Mention]) -> MentionList {
        let sources = [ArticleMentions(first), ArticleMentions(second)]
        return MentionList(runs: sources.map { source in
            let ref = source.table.firstIndex(of: "russia")!
            return MentionList.Run(source: source, entityRef: ref, indices: (0..<source.count).filter { source.entityRef($0) == ref })
        })
    }

    @Test func runsAndTheListTheyMakeAgree() {
        let list = MentionList((Self.a1 + Self.a2).filter { $0.entityID == "russia" })
        let runs = Self.runs(Self.a1, Self.a2)
        #expect(runs.count == 3)
        #expect(runs.mentions == list.mentions)
        #expect(runs.digest == list.digest)
    }

    @Test func aChangedSentenceAnchorOrArticleChangesTheDigest() {
        let base = Self.runs(Self.a1, Self.a2).digest
        var words = Self.a2
        words[0] = Self.mention("russia", "a2", "p2", "روسيا الاتحادية")
        var anchor = Self.a2
        anchor[0] = Self.mention("russia", "a2", "p4", "روسيا")
        #expect(Self.runs(Self.a1, words).digest != base)
        #expect(Self.runs(Self.a1, anchor).digest != base)
        // Another entity's mentions in the same articles do not count.
        var other = Self.a2
        other[1] = Self.mention("korea", "a2", "p2", "كوريا الشمالية")
        #expect(Self.runs(Self.a1, other).digest == base)
    }

    @Test func anArticlesMentionsComeBackFromTheCacheWithTheirDigests() throws {
        let stored = ArticleMentions(Self.a1 + Self.a2)
        var w = ArchiveWriter()
        stored.archive(into: &w)
        let (read, atEnd) = try ArchiveReader.read(w.bytes) { r in (try ArticleMentions(from: &r), r.isAtEnd) }
        #expect(atEnd)
        #expect(read.mentions == Self.a1 + Self.a2)
        #expect(read.table == stored.table)
        #expect(read.digests == stored.digests)
        #expect(stored.digests.compactMap { $0 }.count == 2, "one digest per entity mentioned")
    }
}
