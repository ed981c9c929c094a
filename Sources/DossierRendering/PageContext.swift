import Foundation
import ArabicText
import DossierMarkdown
import DossierModel
import DossierLinking

/// Builds the Mustache context of each page from the linked model, as `ContextNode`s.
struct PageContext: Sendable {
    /// The fields that hold HTML already safe to print unescaped (`{{{html}}}`, `{{&html}}`): cmark's
    /// rendering of an editor's Markdown, in safe mode unless the site allows unsafe HTML. Every
    /// other field is an editor's plain text (a name, a title, a quote, a label) or a value the
    /// build made, and is printed escaped; `TemplateSet.lintUnescaped` refuses anything else raw.
    /// A field is named by its key in any object (`html` of a block, a note, `entity`), so every
    /// key listed here must hold rendered Markdown wherever this file sets it.
    static let safeHTMLFields: Set<String> = ["html"]

    let site: LinkedSite
    /// Where each id's record lies in `site` (indices, so that looking a record up copies nothing).
    let entityNumber: [String: Int]
    let annotationNumber: [String: Int]
    let articleNumber: [String: Int]
    /// Entities in the order of the entity index (by kind, then Arabic collation), for previous/next
    /// links, and each id's place in it; worked out when an entity page or the index first needs it.
    private let order: EntityOrder
    var entityOrder: [Entity] { order.value.entities }
    var entityPosition: [String: Int] { order.value.position }
    /// Each note's context for pages one folder down, built and sealed on first use: a note appears
    /// on its article, the annotation index and the page of every entity it concerns.
    let noteContexts = NoteContexts()
    /// The labels and the site's fields, the same on every page.
    let labels: ContextNode
    let siteFields: ContextNode
    /// Each entity's link for pages one folder down and for the cover, made once (sealed): notes,
    /// pagers and lists show them over and over.
    let entityLinksDown: [String: ContextNode]
    let entityLinksAtRoot: [String: ContextNode]
    /// The annotation index, page by page, as indices into `site.annotations`: annotations grouped
    /// by kind (in the site's order within a kind), cut into pages of `annotationsPerPage`; always
    /// at least one page.
    let annotationPages: [[Int]]
    /// The index page (from 0) that lists each annotation, for links to it.
    let annotationPage: [String: Int]
    /// Each annotation's kind, by index into `site.annotations`.
    let annotationKinds: [AnnotationKind]

    init(site: LinkedSite) {
        self.site = site
        // Fields read once with `map`: reading one through `site.annotations[i]` copied the whole record.
        let kinds = site.annotations.map { $0.annotation.kind }, ids = site.annotations.map { $0.annotation.id }
        annotationKinds = kinds
        entityNumber = Dictionary(site.entities.map { $0.entity.id }.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        annotationNumber = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        articleNumber = Dictionary(site.articles.map { $0.article.id }.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        order = EntityOrder(site.entities.map(\.entity))
        let labels = ContextNode()
        for key in site.config.strings.keys.sorted() { labels[key] = site.config.strings[key]! }
        self.labels = labels.seal()
        let config = site.config
        siteFields = ContextNode(["title": config.title, "plain_title": Bidi.plainText(config.title), "subtitle": config.subtitle,
                                  "lang": config.language, "dir": config.direction]).seal()
        let strings = config.strings
        // Both links of each entity, on all cores.
        let links = ParallelMap.map(site.entities) { linked -> (id: String, down: ContextNode, atRoot: ContextNode) in
            let e = linked.entity
            let kindLabel = InterfaceStrings.label("kind_\(e.kind.rawValue)_one", in: strings)
            func link(from page: String) -> ContextNode {
                ContextNode(["id": e.id, "name": e.name, "name_en": e.nameEnglish ?? "", "has_name_en": e.nameEnglish != nil,
                             "url": SiteLayout.url(SiteLayout.entity(e.id), from: page), "kind": e.kind.rawValue, "kind_label": kindLabel]).seal()
            }
            return (e.id, link(from: SiteLayout.pageOneFolderDown), link(from: SiteLayout.cover))
        }
        entityLinksDown = Dictionary(links.map { ($0.id, $0.down) }, uniquingKeysWith: { a, _ in a })
        entityLinksAtRoot = Dictionary(links.map { ($0.id, $0.atRoot) }, uniquingKeysWith: { a, _ in a })
        let ordered = AnnotationKind.allCases.flatMap { kind in kinds.indices.filter { kinds[$0] == kind } }
        let size = site.config.annotationsPerPage
        var pages = size > 0
            ? stride(from: 0, to: ordered.count, by: size).map { Array(ordered[$0..<min($0 + size, ordered.count)]) }
            : [ordered]
        if pages.isEmpty { pages = [[]] }
        annotationPages = pages
        var pageOf: [String: Int] = [:]
        for (number, page) in pages.enumerated() {
            for n in page where pageOf[ids[n]] == nil { pageOf[ids[n]] = number }
        }
        annotationPage = pageOf
    }

    func articleTitle(_ id: String) -> String? {
        articleNumber[id].map { site.articles[$0].article.title }
    }

    /// Where the annotation index lists `id`, from a page one folder down.
    func annotationIndexURL(of id: String) -> String {
        SiteLayout.url(SiteLayout.annotationIndex(page: annotationPage[id] ?? 0), from: SiteLayout.pageOneFolderDown,
                       fragment: SiteLayout.annotationEntryAnchor(id))
    }

    /// See `entityOrder`. Made once, by the first thread to ask.
    final class EntityOrder: @unchecked Sendable {
        private let lock = NSLock()
        private let entities: [Entity]
        private var made: (entities: [Entity], position: [String: Int])?

        init(_ entities: [Entity]) { self.entities = entities }

        var value: (entities: [Entity], position: [String: Int]) {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let ordered = EntityKind.allCases.flatMap { kind in
                entities.filter { $0.kind == kind }
                    .map { (entity: $0, key: ArabicSortKey.key(of: $0.name, sortKey: $0.sortKey)) }
                    .sorted { $0.key < $1.key }
                    .map(\.entity)
            }
            let value = (ordered, Dictionary(ordered.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }))
            made = value
            return value
        }
    }

    /// Note contexts shared between pages rendering on different threads (see `noteContexts`): each
    /// is made and sealed outside the lock; when two threads make one at once, the first stored wins.
    final class NoteContexts: @unchecked Sendable {
        private let lock = NSLock()
        private var byID: [String: ContextNode] = [:]

        func get(_ id: String, _ make: () -> ContextNode) -> ContextNode {
            lock.lock()
            let found = byID[id]
            lock.unlock()
            if let found { return found }
            let made = make().seal()
            lock.lock()
            defer { lock.unlock() }
            if let other = byID[id] { return other }
            byID[id] = made
            return made
        }
    }

    var strings: [String: String] { site.config.strings }

    /// An interface label; its key when the site has none (the linter reports unknown keys).
    func label(_ key: String) -> String { InterfaceStrings.label(key, in: strings) }

    /// A label inside a note written in another language than the site's comes from that language.
    func noteLabel(_ key: String, language: String) -> String {
        guard language.split(separator: "-").first != site.config.language.split(separator: "-").first else { return label(key) }
        return InterfaceStrings.defaults(for: language)[key] ?? label(key)
    }

    /// Fields every page has: the site, the labels, the way back to the root, the links of the
    /// navigation, the page title. `path` is the page's own (`SiteLayout`).
    func base(path: String, title: String, current: String) -> ContextNode {
        let config = site.config
        let root = SiteLayout.root(of: path)
        let context = ContextNode([
            "site": siteFields,
            "t": labels,
            "root": root,
            "home_url": SiteLayout.url(SiteLayout.cover, from: path),
            "entity_index_url": SiteLayout.url(SiteLayout.entityIndex, from: path),
            "has_search": config.search,
            "search_url": SiteLayout.url(SiteLayout.search, from: path),
            "page_title": Bidi.title(title, direction: config.direction),
            "nav": navigation(from: path, current: current),
            "is_inner": current != "home",
            "has_canonical": config.baseURL != nil,
            "canonical": (config.baseURL ?? "") + path,
            // Absolute, like the feed's own links: a feed reader may keep it apart from the page.
            "has_feed": config.baseURL != nil,
            "feed_url": (config.baseURL ?? "") + SiteLayout.feed,
        ])
        if let first = site.articles.first {
            context["first_article_url"] = SiteLayout.url(SiteLayout.article(first.article.id), from: path)
        }
        return context
    }

    func navigation(from path: String, current: String) -> [ContextNode] {
        var items: [ContextNode] = []
        if let first = site.articles.first {
            items.append(ContextNode(["label": label("article"), "url": SiteLayout.url(SiteLayout.article(first.article.id), from: path), "current": current == "article"]))
        }
        items.append(ContextNode(["label": label("entities"), "url": SiteLayout.url(SiteLayout.entityIndex, from: path), "current": current == "entities"]))
        items.append(ContextNode(["label": label("annotations"), "url": SiteLayout.url(SiteLayout.annotationIndex(page: 0), from: path), "current": current == "annotations"]))
        if !site.events.isEmpty {
            items.append(ContextNode(["label": label("chronology"), "url": SiteLayout.url(SiteLayout.chronology, from: path), "current": current == "chronology"]))
        }
        return items
    }

    /// An entity's link (sealed, shared); `copy()` it to add fields. Empty for an unknown id.
    func entityLink(_ id: String, root: String) -> ContextNode {
        let links = root == "" ? entityLinksAtRoot : entityLinksDown
        precondition(root == "" || root == "../", "entity links are made for the root and one folder down")
        return links[id] ?? ContextNode().seal()
    }

    func sources(_ list: [SourceReference]) -> [ContextNode] {
        list.map { ContextNode(strings: ["title": $0.title, "url": $0.url]) }
    }

    func languageFields(_ lang: String) -> ContextNode {
        let dir = SiteConfig.direction(for: lang)
        let differs = lang != site.config.language || dir != site.config.direction
        return ContextNode(["lang": lang, "dir": dir, "other_language": differs])
    }

    // MARK: Pages

    func cover() -> ContextNode {
        let context = base(path: SiteLayout.cover, title: site.config.title, current: "home")
        context["articles"] = site.articles.map { linked -> ContextNode in
            let a = linked.article
            return ContextNode(["title": a.title, "source": a.source, "published": a.published ?? "", "has_published": a.published != nil,
                                "url": SiteLayout.url(SiteLayout.article(a.id), from: SiteLayout.cover), "lead": linked.lead,
                                "highlights": a.highlights, "has_highlights": !a.highlights.isEmpty])
        }
        // Key actors: the entities the articles mention, most mentioned first, grouped by kind.
        let groups: [ContextNode] = EntityKind.allCases.compactMap { kind in
            let members = site.entities.filter { $0.entity.kind == kind && $0.mentionCount > 0 }
                .sorted { $0.mentionCount != $1.mentionCount ? $0.mentionCount > $1.mentionCount : $0.entity.id < $1.entity.id }
                .prefix(8)
            guard !members.isEmpty else { return nil }
            return ContextNode(["kind": kind.rawValue, "label": label("kind_\(kind.rawValue)"),
                                "entities": members.map { m -> ContextNode in
                                    let link = entityLink(m.entity.id, root: "").copy()
                                    link["summary"] = m.entity.summary ?? ""
                                    link["mention_count"] = m.mentionCount
                                    return link
                                }])
        }
        context["actor_groups"] = groups
        context["annotation_count"] = site.annotations.count
        context["entity_count"] = site.entities.count
        return context
    }

    func article(_ linked: LinkedArticle) -> ContextNode {
        let a = linked.article
        let context = base(path: SiteLayout.article(a.id), title: a.title, current: "article")
        let fields = ContextNode([
            "title": a.title, "source": a.source, "source_url": a.sourceURL ?? "", "has_source_url": a.sourceURL != nil,
            "published": a.published ?? "", "has_published": a.published != nil,
            "highlights": a.highlights, "has_highlights": !a.highlights.isEmpty,
        ])
        fields.merge(languageFields(a.language))
        context["article"] = fields
        context["blocks"] = linked.blocks.map { block -> ContextNode in
            let notes = block.annotationIDs.compactMap { annotationNumber[$0] }.map { note(for: site.annotations[$0], root: "../") }
            return ContextNode(["anchor": block.anchor, "html": block.html, "is_heading": block.isHeading,
                                "notes": notes, "has_notes": !notes.isEmpty])
        }
        return context
    }

    func note(for linked: LinkedAnnotation, root: String) -> ContextNode {
        guard root == "../" else { return makeNote(for: linked, root: root) }
        return noteContexts.get(linked.annotation.id) { makeNote(for: linked, root: root) }
    }

    func makeNote(for linked: LinkedAnnotation, root: String) -> ContextNode {
        let a = linked.annotation
        let note = ContextNode([
            "id": a.id, "number": linked.number, "kind": a.kind.rawValue, "kind_label": noteLabel("annotation_\(a.kind.rawValue)", language: a.language),
            "quote": a.quote.value, "html": linked.html,
            "author": a.author ?? "", "has_author": a.author != nil, "date": a.date ?? "", "has_date": a.date != nil,
            "sources": sources(a.sources), "has_sources": !a.sources.isEmpty,
            "url": SiteLayout.url(SiteLayout.article(linked.articleID), from: root == "" ? SiteLayout.cover : SiteLayout.pageOneFolderDown,
                                  fragment: SiteLayout.quoteAnchor(a.id)),
            "anchor": SiteLayout.noteAnchor(a.id), "ref_anchor": SiteLayout.noteReferenceAnchor(a.id),
            "index_anchor": SiteLayout.annotationEntryAnchor(a.id),
            "entities": linked.entityIDs.map { entityLink($0, root: root) },
        ])
        note.merge(languageFields(a.language))
        return note
    }

    func entity(_ linked: LinkedEntity) -> ContextNode {
        let e = linked.entity
        let path = SiteLayout.entity(e.id)
        let context = base(path: path, title: e.name, current: "entities")
        let mentions = linked.mentions.map { m -> ContextNode in
            ContextNode(strings: ["before": m.before, "text": m.text, "after": m.after, "url": SiteLayout.url(SiteLayout.article(m.articleID), from: path, fragment: m.anchor),
                                  "article_title": articleTitle(m.articleID) ?? ""])
        }
        let linkedFrom = linked.linkedFrom.map { ref -> ContextNode in
            switch ref.kind {
            case .article:
                return ContextNode(strings: ["title": articleTitle(ref.id) ?? ref.id, "url": SiteLayout.url(SiteLayout.article(ref.id), from: path), "kind_label": label("article")])
            case .entity:
                let other = entityNumber[ref.id].map { site.entities[$0].entity }
                return ContextNode(strings: ["title": other?.name ?? ref.id, "url": SiteLayout.url(SiteLayout.entity(ref.id), from: path),
                                             "kind_label": label("kind_\(other?.kind.rawValue ?? "concept")_one")])
            case .annotation:
                let quote = annotationNumber[ref.id].map { site.annotations[$0].annotation.quote.value }
                return ContextNode(strings: ["title": quote ?? ref.id, "url": annotationIndexURL(of: ref.id), "kind_label": label("note")])
            }
        }
        let annotations = linked.annotationIDs.compactMap { annotationNumber[$0].map { site.annotations[$0] } }
            .sorted { ($0.articleID, $0.number) < ($1.articleID, $1.number) }
            .map { note(for: $0, root: "../") }
        let related = linked.related.prefix(10).map { r -> ContextNode in
            let link = entityLink(r.id, root: "../").copy()
            link["count"] = r.count
            return link
        }
        context["entity"] = ContextNode([
            "id": e.id, "name": e.name, "name_en": e.nameEnglish ?? "", "has_name_en": e.nameEnglish != nil,
            "kind": e.kind.rawValue, "kind_label": label("kind_\(e.kind.rawValue)_one"),
            "date": e.date ?? "", "has_date": e.date != nil, "summary": e.summary ?? "", "has_summary": e.summary != nil,
            "html": linked.html, "sources": sources(e.sources), "has_sources": !e.sources.isEmpty,
        ])
        let position = entityPosition[e.id] ?? 0
        context["has_prev"] = position > 0
        context["prev"] = position > 0 ? entityLink(entityOrder[position - 1].id, root: "../") : ContextNode()
        context["has_next"] = position + 1 < entityOrder.count
        context["next"] = position + 1 < entityOrder.count ? entityLink(entityOrder[position + 1].id, root: "../") : ContextNode()
        context["links_to"] = linked.linksTo.map { entityLink($0, root: "../") }
        context["has_links_to"] = !linked.linksTo.isEmpty
        context["linked_from"] = linkedFrom
        context["has_linked_from"] = !linkedFrom.isEmpty
        context["mentions"] = mentions
        context["has_mentions"] = !mentions.isEmpty
        context["mention_count"] = mentions.count
        context["annotations"] = annotations
        context["has_annotations"] = !annotations.isEmpty
        context["related"] = Array(related)
        context["has_related"] = !related.isEmpty
        let map = relationMap(of: linked)
        context["relation_map"] = map ?? ContextNode()
        context["has_relation_map"] = map != nil
        return context
    }

    func entityIndex() -> ContextNode {
        let context = base(path: SiteLayout.entityIndex, title: label("entities"), current: "entities")
        context["groups"] = EntityKind.allCases.compactMap { kind -> ContextNode? in
            let members = entityOrder.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            return ContextNode(["kind": kind.rawValue, "label": label("kind_\(kind.rawValue)"), "count": members.count,
                                "entities": members.map { e -> ContextNode in
                                    let link = entityLink(e.id, root: "../").copy()
                                    link["summary"] = e.summary ?? ""
                                    link["letter"] = ArabicSortKey.indexLetter(of: e.name, sortKey: e.sortKey)
                                    return link
                                }])
        }
        // The same entities in one alphabetical list, under their letters.
        let alphabetical = entityOrder.map { (entity: $0, key: ArabicSortKey.key(of: $0.name, sortKey: $0.sortKey)) }
            .sorted { $0.key < $1.key }.map(\.entity)
        var letters: [(letter: String, members: [Entity])] = []
        for e in alphabetical {
            let letter = ArabicSortKey.indexLetter(of: e.name, sortKey: e.sortKey)
            if letters.last?.letter == letter { letters[letters.count - 1].members.append(e) } else { letters.append((letter, [e])) }
        }
        context["letters"] = letters.enumerated().map { n, group -> ContextNode in
            ContextNode(["letter": group.letter, "anchor": SiteLayout.letterAnchor(n + 1), "count": group.members.count,
                         "entities": group.members.map { entityLink($0.id, root: "../") }])
        }
        let map = strongestTiesMap()
        context["relation_map"] = map ?? ContextNode()
        context["has_relation_map"] = map != nil
        return context
    }

    /// One page (from 0) of the annotation index, with its pager. `pages` always lists every page,
    /// eliding long runs far from the current one (`gap`), so a pager stays short at any size.
    func annotationIndex(page: Int) -> ContextNode {
        let count = annotationPages.count
        var title = label("annotations")
        if count > 1 { title += " · \(label("page")) \(page + 1) \(label("page_of")) \(count)" }
        let path = SiteLayout.annotationIndex(page: page)
        let context = base(path: path, title: title, current: "annotations")
        let members = annotationPages[page].map { site.annotations[$0] }
        // Earlier pages' share of each kind, so a group's numbering goes on where the last page left it.
        let before = annotationPages[..<page].joined()
        context["groups"] = AnnotationKind.allCases.compactMap { kind -> ContextNode? in
            let inKind = members.filter { $0.annotation.kind == kind }
            guard !inKind.isEmpty else { return nil }
            let start = before.count { annotationKinds[$0] == kind } + 1
            return ContextNode(["kind": kind.rawValue, "anchor": SiteLayout.annotationGroupAnchor(kind.rawValue), "label": label("annotation_\(kind.rawValue)"),
                                "count": annotationKinds.count { $0 == kind },
                                "start": start, "continued": start > 1,
                                "annotations": inKind.map { note(for: $0, root: "../") }])
        }
        context["page_number"] = page + 1
        context["page_count"] = count
        context["has_pages"] = count > 1
        context["pages"] = Self.pagerNumbers(current: page, count: count).map { number -> ContextNode in
            guard let number else { return ContextNode(["gap": true, "number": "", "url": "", "current": false]) }
            return ContextNode(["gap": false, "number": number + 1, "url": SiteLayout.url(SiteLayout.annotationIndex(page: number), from: path), "current": number == page])
        }
        context["has_prev"] = page > 0
        context["prev_url"] = page > 0 ? SiteLayout.url(SiteLayout.annotationIndex(page: page - 1), from: path) : ""
        context["has_next"] = page + 1 < count
        context["next_url"] = page + 1 < count ? SiteLayout.url(SiteLayout.annotationIndex(page: page + 1), from: path) : ""
        return context
    }

    /// The page numbers (from 0) a pager shows: the first two, the last two and two either side of
    /// the current one; nil where a run of two or more pages is left out.
    static func pagerNumbers(current: Int, count: Int) -> [Int?] {
        let shown = Set([0, 1, count - 2, count - 1] + Array((current - 2)...(current + 2))).filter { (0..<count).contains($0) }.sorted()
        var result: [Int?] = []
        for number in shown {
            if let last = result.last ?? nil {
                if number - last == 2 { result.append(last + 1) } else if number - last > 2 { result.append(nil) }
            }
            result.append(number)
        }
        return result
    }

    /// The output path of one page.
    func path(of page: SiteRenderer.Page) -> String {
        switch page {
        case .cover: return SiteLayout.cover
        case .article(let i): return SiteLayout.article(site.articles[i].article.id)
        case .entity(let i): return SiteLayout.entity(site.entities[i].entity.id)
        case .entityIndex: return SiteLayout.entityIndex
        case .annotationIndex(let page): return SiteLayout.annotationIndex(page: page)
        case .notFound: return SiteLayout.notFound
        case .search: return SiteLayout.search
        case .sitemap: return SiteLayout.sitemap
        case .chronology: return SiteLayout.chronology
        case .feed: return SiteLayout.feed
        }
    }

    /// The context of one page.
    func make(_ page: SiteRenderer.Page) -> ContextNode {
        switch page {
        case .cover: return cover()
        case .article(let i): return article(site.articles[i])
        case .entity(let i): return entity(site.entities[i])
        case .entityIndex: return entityIndex()
        case .annotationIndex(let page): return annotationIndex(page: page)
        case .notFound: return notFound()
        case .search: return search()
        case .sitemap: return sitemap()
        case .chronology: return chronology()
        case .feed: return feed()
        }
    }

    func notFound() -> ContextNode {
        base(path: SiteLayout.notFound, title: label("not_found_title"), current: "")
    }

    /// The search results page: the query comes from its address (`?q=`), the results from the
    /// index's scripts (`SearchIndex`), which it loads from `search_index_url` and `assets/search.js`.
    func search() -> ContextNode {
        let context = base(path: SiteLayout.search, title: label("search_title"), current: "search")
        context["search_index_url"] = SiteLayout.url(SiteLayout.searchIndex, from: SiteLayout.search)
        return context
    }

    func sitemap() -> ContextNode {
        let base = site.config.baseURL ?? ""
        // The cover as the site's own address.
        var urls = ["", SiteLayout.entityIndex]
        urls += annotationPages.indices.map { SiteLayout.annotationIndex(page: $0) }
        if !site.events.isEmpty { urls.append(SiteLayout.chronology) }
        urls += site.articles.map { SiteLayout.article($0.article.id) }
        urls += site.entities.map { SiteLayout.entity($0.entity.id) }
        return ContextNode(["urls": urls.map { ContextNode(["loc": base + $0]) }])
    }
}

extension PageContext {
    /// The chronology: the site's events (already in order) under the heading of their year.
    func chronology() -> ContextNode {
        let path = SiteLayout.chronology
        let context = base(path: path, title: label("chronology"), current: "chronology")
        var years: [(year: Int, events: [ContextNode])] = []
        for event in site.events {
            guard let date = EventDate(event.date) else { continue }
            let row = chronologyRow(event, date: date, from: path)
            if years.last?.year == date.year { years[years.count - 1].events.append(row) } else { years.append((date.year, [row])) }
        }
        context["years"] = years.map { group in
            ContextNode(["year": group.year, "anchor": SiteLayout.yearAnchor(group.year), "events": group.events])
        }
        context["year_links"] = years.map { group in
            ContextNode(["year": group.year, "url": "#" + SiteLayout.yearAnchor(group.year)])
        }
        return context
    }

    /// One event: its date, its text (or, for an entity's own `date`, the entity's summary), where
    /// it is recorded and the entities it names. Every field is set on every row, so a missing one
    /// never falls through to the page's.
    private func chronologyRow(_ event: LinkedEvent, date: EventDate, from path: String) -> ContextNode {
        let owner: ContextNode
        switch event.owner.kind {
        case .entity:
            let entity = entityNumber[event.owner.id].map { site.entities[$0].entity }
            owner = ContextNode(strings: ["title": entity?.name ?? event.owner.id, "url": SiteLayout.url(SiteLayout.entity(event.owner.id), from: path),
                                          "kind_label": label("kind_\(entity?.kind.rawValue ?? "concept")_one")])
        case .annotation, .article:
            let quote = annotationNumber[event.owner.id].map { site.annotations[$0].annotation.quote.value }
            owner = ContextNode(strings: ["title": quote ?? event.owner.id, "url": annotationIndexURL(of: event.owner.id), "kind_label": label("note")])
        }
        let summary = event.isEntityDate ? entityNumber[event.owner.id].flatMap { site.entities[$0].entity.summary } : nil
        // The owner is shown already: the list names the others.
        let named = event.entityIDs.filter { !(event.owner.kind == .entity && $0 == event.owner.id) }
        return ContextNode([
            "date": event.date, "date_label": date.label(months: strings),
            "html": event.html, "has_html": !event.isEntityDate,
            "is_entity_date": event.isEntityDate, "summary": summary ?? "", "has_summary": summary != nil,
            "owner": owner,
            "entities": named.map { entityLink($0, root: "../") }, "has_entities": !named.isEmpty,
            "sources": sources(event.sources), "has_sources": !event.sources.isEmpty,
        ])
    }

    /// The annotations in the order of the Atom feed: newest `date` first, then those without a date;
    /// ties by id. Indices into `site.annotations`.
    var feedOrder: [Int] {
        let dates = site.annotations.map { $0.annotation.date.flatMap(EventDate.init) }
        let ids = site.annotations.map(\.annotation.id)
        return site.annotations.indices.sorted { a, b in
            switch (dates[a], dates[b]) {
            case let (x?, y?): return x != y ? y < x : ids[a] < ids[b]
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return ids[a] < ids[b]
            }
        }
    }

    /// The Atom feed of the annotations, with absolute addresses from `base_url`. The feed's
    /// `updated` is the newest note's date, else the newest article's, else the Unix epoch (Atom
    /// requires one, and a build's clock would make two builds differ); a note without a date takes
    /// the feed's.
    func feed() -> ContextNode {
        let config = site.config
        let base = config.baseURL ?? ""
        let order = feedOrder
        let newest = order.first.flatMap { site.annotations[$0].annotation.date.flatMap(EventDate.init) }
            ?? site.articles.compactMap { $0.article.published.flatMap(EventDate.init) }.max()
        let updated = newest?.timestamp ?? "1970-01-01T00:00:00Z"
        let entries = order.map { n -> ContextNode in
            let linked = site.annotations[n]
            let a = linked.annotation
            let url = base + SiteLayout.article(linked.articleID) + "#" + SiteLayout.noteAnchor(a.id)
            return ContextNode([
                "id": url, "url": url, "title": a.quote.value, "lang": a.language,
                "updated": a.date.flatMap(EventDate.init)?.timestamp ?? updated,
                "author": a.author ?? "", "has_author": a.author != nil,
                "kind": a.kind.rawValue, "kind_label": noteLabel("annotation_\(a.kind.rawValue)", language: a.language),
                // The note's links are made for pages one folder down: `xml:base` resolves them there.
                "html": linked.html, "html_base": base + SiteLayout.pageOneFolderDown.prefix { $0 != "/" } + "/",
            ])
        }
        return ContextNode([
            "site": siteFields, "id": base, "home_url": base, "self_url": base + SiteLayout.feed, "updated": updated,
            "entries": entries,
        ])
    }
}

/// Editors' text in `<title>`, which cannot hold markup.
///
/// In a page, a name or a title that shares a line with other text is printed inside `<bdi>`, so a
/// bidi control in it (U+202E RIGHT-TO-LEFT OVERRIDE) reorders nothing outside it. `<title>` is
/// plain text: there the embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
/// are removed rather than the value wrapped in U+2068 FIRST STRONG ISOLATE … U+2069 POP
/// DIRECTIONAL ISOLATE. A wrapper would not hold: a stray U+2069 in the value closes the isolate
/// early and lets the value's override run on into the rest of the title, so the controls would
/// have to be removed anyway; and the invisible wrappers would go wherever the title goes
/// (bookmarks, tabs, search results, copied text). Without those controls, nothing in the value
/// reaches past it; the marks (LRM, RLM, ALM) stay, as they reorder nothing.
enum Bidi {
    /// The text for `<title>`: without embedding, override and isolate controls, and with a leading
    /// RLM on a right-to-left page when it starts with a left-to-right letter.
    static func title(_ text: String, direction: String) -> String {
        let text = plainText(text)
        guard direction == "rtl", let first = text.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return text }
        let isArabicOrHebrew = (0x0590...0x08FF).contains(first.value) || (0xFB1D...0xFEFC).contains(first.value)
        return isArabicOrHebrew ? text : "\u{200F}" + text
    }

    /// `text` without embedding, override and isolate controls.
    static func plainText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEmbeddingOrIsolateControl) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isEmbeddingOrIsolateControl($0) })
        return String(scalars)
    }

    /// LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).
    static func isEmbeddingOrIsolateControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
