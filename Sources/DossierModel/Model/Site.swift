/// Everything loaded from `Content/`, before linking.
public struct Site: Sendable, Hashable {
    public var config: SiteConfig
    public var articles: [Article]
    public var entities: [Entity]
    public var annotations: [Annotation]

    public init(config: SiteConfig, articles: [Article], entities: [Entity], annotations: [Annotation]) {
        self.config = config
        self.articles = articles
        self.entities = entities
        self.annotations = annotations
    }
}
