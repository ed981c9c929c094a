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
        for length in [1, 7, 8, 31, 32, 63, 64, 65, 100, 257] {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var seen: Set<Digest> = [Self.digest(base)]
            #expect(Self.digest(base) == Self.digest(base))
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

    @Test func fieldsAreDelimited() {
        var ab = Digester("test"), a_b = Digester("test")
        ab.add("ab"); ab.add("")
        a_b.add("a"); a_b.add("b")
        #expect(ab.finish() != a_b.finish())
    }
}

/// Loaded files are cached without their body, which comes back from the file's text.
@Suite struct LoadedFileTests {
    static func roundTrip(_ value: LoadedFile<Article>) throws -> LoadedFile<Article> {
        var w = ArchiveWriter()
        value.archive(into: &w)
        var r = ArchiveReader(w.bytes, range: 0..<w.bytes.count)
        return try LoadedFile<Article>(from: &r)
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

    @Test func aBodyThatIsNotTheEndOfTheFileIsStoredWhole() throws {
        let body = "نص معدل"
        let file = "---\ntitle: عنوان\n---\nنص آخر"
        let stored = try Self.roundTrip(LoadedFile(Loaded(record: Self.article(body: body), diagnostics: []), fileBytes: Array(file.utf8)))
        #expect(stored.restored(from: Array(file.utf8)).record == Self.article(body: body))
    }
}
