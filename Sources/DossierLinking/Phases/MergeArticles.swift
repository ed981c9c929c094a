import DossierModel

extension Linker {
    /// Phase 3: the articles' results merged in article order, so every entity's mentions stay in
    /// reading order: who refers to each entity, which articles mention it, the block each note is
    /// shown beside.
    struct ArticleReferencesMerged: Sendable {
        /// Every page that refers to an entity, by entity number: each adds itself once per entity.
        var mentionedIn: [[PageReference]]
        /// The articles mentioning each entity, by entity number, in article order.
        var articlesMentioning: [[Int]]
        /// Each article's mentions grouped by entity, the entities it refers to, and the entities each
        /// of its paragraphs shares, worked out with its result.
        var perArticle: [ArticleReferences]
        /// The notes, each with the anchor of the block it is shown beside.
        var notes: [Anchored]
        var matchedPhrases: Set<Int>
        var diagnostics: [Diagnostic]
    }

    static func mergeArticles(_ run: LinkRun, _ linked: LinkedArticles, placed: PlacedNotes) -> ArticleReferencesMerged {
        let site = run.site
        var notes = placed.anchored
        let noteNumber = Dictionary(notes.enumerated().map { ($1.annotationID, $0) }, uniquingKeysWith: { a, _ in a })
        var merged = ArticleReferencesMerged(mentionedIn: Array(repeating: [], count: site.entities.count),
                                             articlesMentioning: Array(repeating: [], count: site.entities.count),
                                             perArticle: linked.results.map(\.references), notes: [], matchedPhrases: [], diagnostics: [])
        // Fields are read in place: a result copied out is every one of its strings retained and released.
        linked.results.withUnsafeBufferPointer { results in
            for a in results.indices {
                let reference = PageReference(kind: .article, id: site.articles[a].id)
                for target in merged.perArticle[a].refersTo { if let e = run.entityNumber[target] { merged.mentionedIn[e].append(reference) } }
                for e in merged.perArticle[a].mentions.keys { merged.articlesMentioning[e].append(a) }
                for (annotationID, anchor) in results[a].blockAnchors {
                    if let i = noteNumber[annotationID] { notes[i].blockAnchor = anchor }
                }
                merged.matchedPhrases.formUnion(results[a].matchedPhrases)
                merged.diagnostics += results[a].diagnostics
            }
        }
        merged.notes = notes
        return merged
    }
}
