import Foundation

/// What each page is made from, digested without building its context, so that an incremental
/// build knows which pages are current before it spends anything on them.
///
/// A page's context is a function of three things:
/// - the site: its options and labels, and the fields of every article, entity and annotation
///   other than their Markdown (titles, names, kinds, quotes, dates…), which any page may show
///   through a link or a list; `global` digests all of it, so editing any of them renders every
///   page again;
/// - the linked values that are the page's own: an article's blocks, an entity's description,
///   mentions and references;
/// - the notes it shows, each digested whole (`notes`), or, for a page whose templates cannot show a
///   note's body, without it (`listings`): editing a note's text then leaves the entity pages listing
///   it current.
/// Every page is digested this way. Besides `global`, the cover shows each article's lead and each
/// entity's number of mentions (its key actors), the sitemap the number of annotation index pages;
/// the entity index, 404 and the search page show nothing else.
struct PageDependencies: Sendable {
    let global: Digest
    let notes: [String: Digest]
    let listings: [String: Digest]
    /// The page templates whose pages can show the notes they list whole (`TemplateSet.mayShowNoteBodies`).
    let showsNoteBodies: Set<String>

    init(site: LinkedSite, templates: Digest, showsNoteBodies: Set<String>, cache: BuildCache) {
        self.showsNoteBodies = showsNoteBodies
        var d = Digester("site")
        d.add(templates)
        let config = site.config
        d.add(config.title); d.add(config.subtitle); d.add(config.language); d.add(config.direction)
        d.add(config.baseURL ?? "\u{0}"); d.add(config.baseURL != nil); d.add(config.allowUnsafeHTML)
        d.add(config.annotationsPerPage)
        let keys = config.strings.keys.sorted()
        d.add(keys); d.add(keys.map { config.strings[$0]! })
        // Each record without its Markdown, as digested when it was loaded; then the digests in order.
        let articles = site.articles.map { cache.fieldsDigest(of: $0.article) }
        let entities = site.entities.map { cache.fieldsDigest(of: $0.entity) }
        let annotations = site.annotations.map { cache.fieldsDigest(of: $0.annotation) }
        for list in [articles, entities, annotations] {
            d.add(list.count)
            for record in list { d.add(record) }
        }
        global = d.finish()

        // A note's listing is what it shows besides its body: its record's fields are in `global`.
        let digests = ParallelMap.map(site.annotations) { linked -> (whole: Digest, listing: Digest) in
            var listing = Digester("note listing")
            listing.add(linked.number); listing.add(linked.articleID); listing.add(linked.blockAnchor)
            listing.add(linked.entityIDs)
            let listed = listing.finish()
            var d = Digester("note")
            d.add(listed); d.add(cache.digest(of: linked.annotation)); d.add(linked.body.digest)
            return (d.finish(), listed)
        }
        let ids = site.annotations.map(\.annotation.id)
        notes = Dictionary(zip(ids, digests.map(\.whole)), uniquingKeysWith: { a, _ in a })
        listings = Dictionary(zip(ids, digests.map(\.listing)), uniquingKeysWith: { a, _ in a })
    }

    /// The digest of `page`: equal digests, equal pages.
    func digest(_ page: SiteRenderer.Page, site: LinkedSite, contexts: PageContext) -> Digest {
        var d = Digester("page")
        d.add(global)
        d.add(page.template)
        let notes = showsNoteBodies.contains(page.template) ? self.notes : listings
        switch page {
        case .article(let i):
            let linked = site.articles[i]
            d.add(linked.article.id); d.add(linked.leadText.digest)
            d.add(linked.blocksDigest)
            add(notes: linked.noteIDs, from: notes, to: &d)
        case .entity(let i):
            let linked = site.entities[i]
            d.add(linked.entity.id); d.add(linked.html); d.add(linked.linksTo)
            d.add(linked.linkedFrom.count)
            // A note's link goes to the index page that lists it.
            for ref in linked.linkedFrom {
                d.add(ref.kind.rawValue); d.add(ref.id)
                if ref.kind == .annotation { d.add(contexts.annotationPage[ref.id] ?? -1) }
            }
            // Made of the digests of its mentions in each article, made when the article was linked.
            d.add(linked.mentionList.count); d.add(linked.mentionList.digest)
            d.add(linked.related.count)
            for r in linked.related { d.add(r.id); d.add(r.count) }
            add(notes: linked.annotationIDs, from: notes, to: &d)
        case .annotationIndex(let number):
            // Which annotations each page lists follows from `global` (kinds, order, page size).
            d.add(number); d.add(contexts.annotationPages.count)
            add(notes: contexts.annotationPages[number].map { site.annotations[$0].annotation.id }, from: notes, to: &d)
        case .cover:
            d.add(site.articles.count)
            for linked in site.articles { d.add(linked.leadText.digest) }
            d.add(site.entities.count)
            for linked in site.entities { d.add(linked.mentionCount) }
        case .sitemap:
            d.add(contexts.annotationPages.count)
        case .entityIndex, .notFound, .search:
            // The search page is the layout and its labels: the index it loads is written apart
            // (`SearchIndex.files`), digested from what it is made of.
            break
        }
        return d.finish()
    }

    private func add(notes ids: [String], from notes: [String: Digest], to d: inout Digester) {
        d.add(ids.count)
        for id in ids {
            d.add(id)
            if let note = notes[id] { d.add(note) } else { d.add(false) }
        }
    }
}
