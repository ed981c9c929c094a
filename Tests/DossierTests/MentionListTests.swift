import Testing
@testable import DossierCore
@testable import DossierCache
@testable import DossierLinking

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
