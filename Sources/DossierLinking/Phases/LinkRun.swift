import DossierMarkdown
import DossierModel
import DossierCache

extension Linker {
    /// What every phase of one `link` reads: the site, its entity index, the render options, and the
    /// build cache with the keys of its entries.
    struct LinkRun: Sendable {
        let site: Site
        let index: EntityIndex
        let options: RenderOptions
        let cache: BuildCache?
        /// Keys digest every article's text, so they are made only when there is a cache to ask.
        let keys: CacheKeys?
        /// Entities by number, so the tables of the later phases are indexed rather than hashed.
        let entityNumber: [String: Int]

        init(site: Site, cache: BuildCache?) {
            self.site = site
            index = EntityIndex(site.entities)
            let options = RenderOptions(allowUnsafeHTML: site.config.allowUnsafeHTML)
            self.options = options
            self.cache = cache
            keys = cache.map { CacheKeys(site: site, options: options, cache: $0) }
            entityNumber = Dictionary(site.entities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// An article's blocks with its `[[id]]` links resolved, the ids, and the unknown ones' errors.
    typealias ResolvedArticle = (blocks: [Block], targets: [String], diagnostics: [Diagnostic])
}
