import DossierMarkdown
import DossierModel

extension Linker {
    /// Phase 2: every article's links, highlights and mentions. Articles are independent of each
    /// other, so each is linked on any core; the results come back in article order.
    struct LinkedArticles: Sendable {
        var articles: [LinkedArticle]
        var results: [ArticleResult]
    }

    static func linkArticles(_ run: LinkRun, placed: PlacedNotes) -> LinkedArticles {
        let site = run.site, index = run.index, options = run.options, cache = run.cache, keys = run.keys
        let entityNumber = run.entityNumber, resolved = placed.resolved
        let notes = placed.anchored
        // Each article's notes by block, as indices into `notes`.
        var notesByArticle: [[Int: [Int]]] = Array(repeating: [:], count: site.articles.count)
        for (i, note) in notes.enumerated() { notesByArticle[note.articleIndex][note.location.block, default: []].append(i) }
        let byArticle = notesByArticle
        // With a cache, an article's blocks are cached apart from the rest of its result and read
        // back only when its page is rendered again: a rebuild after a small edit renders few.
        let (articles, results) = ParallelMap.split(Array(site.articles.indices)) { a -> (LinkedArticle, ArticleResult) in
            let linkNow = { @Sendable (blocks: [Block], targets: [String], wikiDiagnostics: [Diagnostic]) -> ArticleResult in
                var result = linkArticle(site.articles[a], blocks: blocks, notes: notes, notesByBlock: byArticle[a], index: index, options: options)
                result.wikiTargets = targets
                result.diagnostics = wikiDiagnostics + result.diagnostics
                result.references = ArticleReferences(result, entityNumber: entityNumber)
                return result
            }
            var result: ArticleResult
            if let cache, let keys {
                let key = keys.article(a, notes: byArticle[a].values.flatMap { $0 }.sorted().map { notes[$0] })
                let blocksKey = CacheKeys.blocks(of: key)
                // The key covers the entities' ids in order, so a stored result's entity numbers are this build's.
                if cache.keep(blocksKey), var hit: ArticleResult = cache.lookup(key), hit.references.fits(entityCount: site.entities.count, mentions: hit.mentions) {
                    // Were the stored blocks ever unreadable, linking the article again gives the same ones.
                    hit.article.storage = hit.article.storage.loading {
                        if let stored: LinkedBlocks = cache.decoded(blocksKey) { return stored.blocks }
                        let (blocks, targets, wikiDiagnostics) = resolveWikiLinks(site.articles[a], index: index)
                        return linkNow(blocks, targets, wikiDiagnostics).article.blocks
                    }
                    result = hit
                } else {
                    let (blocks, targets, wikiDiagnostics) = resolved.take(a)
                    result = linkNow(blocks, targets, wikiDiagnostics)
                    cache.store(key, result)
                    cache.store(blocksKey, LinkedBlocks(result.article.blocks))
                }
            } else {
                let (blocks, targets, wikiDiagnostics) = resolved.take(a)
                result = linkNow(blocks, targets, wikiDiagnostics)
            }
            result.article.article = site.articles[a]
            return (result.article, result)
        }
        return LinkedArticles(articles: articles, results: results)
    }
}
