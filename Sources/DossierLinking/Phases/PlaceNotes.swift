import DossierModel

extension Linker {
    /// Phase 1: each annotation's quote found in its article, whose `[[id]]` links are resolved first
    /// so anchoring sees the labels readers see.
    struct PlacedNotes: Sendable {
        /// Each article parsed and its links resolved once, on first use: by the anchoring of a quote
        /// the cache does not know, or by linking the article.
        let resolved: LazyList<ResolvedArticle>
        var anchored: [Anchored]
        var diagnostics: [Diagnostic]
    }

    static func placeNotes(_ run: LinkRun) -> PlacedNotes {
        let site = run.site, index = run.index
        let resolved = LazyList(count: site.articles.count) { a in resolveWikiLinks(site.articles[a], index: index) }
        let anchors = LazyList(count: site.articles.count) { a in QuoteAnchor(blocks: resolved[a].blocks) }
        let anchoring = anchorAnnotations(site, anchors: anchors, index: index, keys: run.keys, cache: run.cache)
        return PlacedNotes(resolved: resolved, anchored: anchoring.anchored, diagnostics: anchoring.diagnostics)
    }
}
