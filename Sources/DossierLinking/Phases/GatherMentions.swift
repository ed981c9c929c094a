import DossierModel

extension Linker {
    /// Phase 4: each entity's mentions, gathered from the articles in order, and the entities that
    /// share a paragraph with it (most often first, then by id), on all cores.
    typealias GatheredMentions = [(mentions: MentionList, related: [(id: String, count: Int)])]

    static func gatherMentions(_ run: LinkRun, _ linked: LinkedArticles, _ merged: ArticleReferencesMerged) -> GatheredMentions {
        let site = run.site, perArticle = merged.perArticle, mentioning = merged.articlesMentioning, results = linked.results
        // Each entity's place in the order of ids, so that ties are broken without comparing strings.
        var idRank = [Int](repeating: 0, count: site.entities.count)
        for (rank, e) in site.entities.indices.sorted(by: { site.entities[$0].id < site.entities[$1].id }).enumerated() { idRank[e] = rank }
        let rankOf = idRank
        return ParallelMap.map(Array(site.entities.indices)) { e -> (mentions: MentionList, related: [(id: String, count: Int)]) in
            var shared = [Int](repeating: 0, count: site.entities.count), sharing: [Int] = []
            for a in mentioning[e] {
                for block in perArticle[a].blocks where block.contains(e) {
                    for other in block where other != e {
                        if shared[other] == 0 { sharing.append(other) }
                        shared[other] += 1
                    }
                }
            }
            let related = sharing.sorted { shared[$0] != shared[$1] ? shared[$0] > shared[$1] : (rankOf[$0], $0) < (rankOf[$1], $1) }
                .map { (id: site.entities[$0].id, count: shared[$0]) }
            let runs = mentioning[e].map { a in
                let own = perArticle[a].mentions[e]!
                return MentionList.Run(source: results[a].mentions, entityRef: own.ref, indices: own.indices)
            }
            return (MentionList(runs: runs), related)
        }
    }
}
