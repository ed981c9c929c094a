import Foundation
import DossierModel
import DossierLinking

/// What each page is made from, digested, so that an incremental build knows which pages are
/// current before it renders them.
///
/// The pages that gather from the whole site (the cover, the entity index, 404, the sitemap, the
/// chronology, the feed, the search page) are digested from their context itself, with the templates and the site's
/// options: nothing is listed by hand, so a field added to their context can never leave them stale. The pages of one record
/// (articles, entities, annotation index pages: nearly all the pages, and the large ones) are
/// digested without building their context, from what it is a function of:
/// - the site: its options and labels, and the fields of every article, entity and annotation
///   other than their Markdown (titles, names, kinds, quotes, dates…), which any page may show
///   through a link or a list; `global` digests all of it, so editing any of them renders every
///   page again;
/// - the linked values that are the page's own: an article's blocks, an entity's description,
///   mentions and references;
/// - the notes it shows or lists, each digested whole (`notes`), body included, whatever its
///   templates print of them.
/// A value such a page shows that none of these cover leaves the page stale: add it to `digest`.
struct PageDependencies: Sendable {
    let global: Digest
    let notes: [String: Digest]

    init(site: LinkedSite, templates: Digest) {
        var d = Digester("site")
        d.add(templates)
        let config = site.config
        d.add(config.title); d.add(config.subtitle); d.add(config.language); d.add(config.direction)
        d.add(config.baseURL ?? "\u{0}"); d.add(config.baseURL != nil); d.add(config.allowUnsafeHTML)
        d.add(config.annotationsPerPage); d.add(config.search)
        let keys = config.strings.keys.sorted()
        d.add(keys); d.add(keys.map { config.strings[$0]! })
        // Each record without its Markdown, as digested when it was loaded; then the digests in order.
        let articles = site.articles.map { $0.article.fieldsDigest }
        let entities = site.entities.map { $0.entity.fieldsDigest }
        let annotations = site.annotations.map { $0.annotation.fieldsDigest }
        for list in [articles, entities, annotations] {
            d.add(list.count)
            for record in list { d.add(record) }
        }
        global = d.finish()

        // A note: its record (through `global` and its own digest), where it is placed, and its body.
        let digests = ParallelMap.map(site.annotations) { linked -> Digest in
            var d = Digester("note")
            d.add(linked.number); d.add(linked.articleID); d.add(linked.blockAnchor)
            d.add(linked.entityIDs)
            d.add(linked.annotation.contentDigest); d.add(linked.body.digest)
            return d.finish()
        }
        notes = Dictionary(zip(site.annotations.map(\.annotation.id), digests), uniquingKeysWith: { a, _ in a })
    }

    /// The digest of `page`: equal digests, equal pages.
    func digest(_ page: SiteRenderer.Page, site: LinkedSite, contexts: PageContext) -> Digest {
        var d = Digester("page")
        d.add(global)
        d.add(page.template)
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
        case .cover, .entityIndex, .notFound, .sitemap, .chronology, .feed, .search:
            // Pages that gather from the whole site are digested from their context itself, which
            // is small: whatever a template can see in it counts, with nothing listed by hand.
            contexts.make(page).digest(into: &d)
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
