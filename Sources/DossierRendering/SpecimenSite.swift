import DossierMarkdown
import DossierModel
import DossierLinking

/// A tiny site with one of everything, so the template linter knows every field a page context
/// can have, even the fields of lists that the real site leaves empty.
enum SpecimenSite {
    static func make(config: SiteConfig) -> LinkedSite {
        let source = MarkdownSource(text: "", firstLine: 1)
        let article = Article(id: "a", path: "", title: "t", source: "s", sourceURL: "https://example.org", published: "2024-01-01",
                              language: config.language, highlights: ["h"], markdown: source)
        let event = Event(date: "2024-06-19", text: source, sources: [SourceReference(title: "t", url: "https://example.org")], line: 1, column: 1)
        let entity = Entity(id: "e", path: "", name: "n", kind: .country, aliases: [], nameEnglish: "n", summary: "s", date: "2024",
                            sortKey: nil, sources: [SourceReference(title: "t", url: "https://example.org")],
                            events: [event], markdown: source, nameLine: 1, nameColumn: 1)
        var other = entity
        other.id = "f"
        let annotation = Annotation(id: "n", path: "", quote: Located("x", line: 1, column: 1), article: nil, entities: [],
                                    kind: .context, language: config.language, author: "a", date: "2024",
                                    sources: [SourceReference(title: "t", url: "https://example.org")], markdown: source)
        let mention = Mention(entityID: "e", articleID: "a", anchor: "p1", before: "", text: "x", after: "")
        return LinkedSite(
            config: config,
            articles: [LinkedArticle(article: article, blocks: [LinkedBlock(anchor: "p1", html: "<p>x</p>", isHeading: false, annotationIDs: ["n"])],
                                    lead: "x")],
            entities: [LinkedEntity(entity: entity, html: "<p>x</p>", linksTo: ["e"],
                                    linkedFrom: [PageReference(kind: .article, id: "a"), PageReference(kind: .entity, id: "e"),
                                                 PageReference(kind: .annotation, id: "n")],
                                    mentions: [mention], annotationIDs: ["n"], related: [(id: "e", count: 1), (id: "f", count: 1)]),
                       // A second entity, so that the relation maps have a tie to draw.
                       LinkedEntity(entity: other, html: "<p>x</p>", linksTo: [], linkedFrom: [], mentions: [],
                                    annotationIDs: [], related: [(id: "e", count: 1)])],
            annotations: [LinkedAnnotation(annotation: annotation, html: "<p>x</p>", number: 1, articleID: "a",
                                           blockAnchor: "p1", entityIDs: ["e"])],
            events: [LinkedEvent(owner: PageReference(kind: .entity, id: "e"), date: "2024", text: nil, entityIDs: ["e"], sources: []),
                     LinkedEvent(owner: PageReference(kind: .annotation, id: "n"), date: "2024-06-19", text: DigestedText("<p>x</p>"),
                                 entityIDs: ["e"], sources: event.sources)])
    }

    /// Every field name any page context can hold.
    static func fieldNames(config: SiteConfig) -> Set<String> {
        var specimenConfig = config
        specimenConfig.baseURL = "https://example.org/"
        let contexts = PageContext(site: make(config: specimenConfig))
        var keys: Set<String> = []
        for context in [contexts.cover(), contexts.entityIndex(), contexts.annotationIndex(page: 0), contexts.notFound(), contexts.search(), contexts.sitemap(),
                        contexts.chronology(), contexts.feed(),
                        contexts.article(contexts.site.articles[0]), contexts.entity(contexts.site.entities[0])] {
            SiteRenderer.collectKeys(context, into: &keys)
        }
        return keys
    }
}
