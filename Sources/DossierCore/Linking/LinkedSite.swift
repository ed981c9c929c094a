import DossierMarkdown

/// The site after linking: bodies rewritten with links, highlights and note markers, and every
/// cross-reference resolved. Rendering reads only this.
public struct LinkedSite: Sendable {
    public var config: SiteConfig
    public var articles: [LinkedArticle]
    public var entities: [LinkedEntity]
    public var annotations: [LinkedAnnotation]
}

/// A page that refers to an entity, for "linked from" lists.
public struct PageReference: Sendable, Hashable, Comparable {
    public enum Kind: Int, Sendable, Hashable { case article, entity, annotation }
    public var kind: Kind
    public var id: String

    public static func < (a: PageReference, b: PageReference) -> Bool {
        (a.kind.rawValue, a.id) < (b.kind.rawValue, b.id)
    }
}

/// One top-level block of an article with its stable anchor and the notes shown beside it.
public struct LinkedBlock: Sendable, Hashable {
    public var anchor: String
    /// The linked block as an HTML fragment.
    public var html: String
    public var isHeading: Bool
    /// Ids of the annotations anchored in this block, in reading order.
    public var annotationIDs: [String]
}

public struct LinkedArticle: Sendable, Hashable {
    public var article: Article
    public var blocks: [LinkedBlock]
    /// Plain text of the first paragraph, for the cover.
    public var lead: String
}

/// Where an entity is mentioned in an article, with its sentence for context.
public struct Mention: Sendable, Hashable {
    public var entityID: String
    public var articleID: String
    public var anchor: String
    /// The sentence split around the mention, so a template can highlight it without raw HTML.
    public var before: String
    public var text: String
    public var after: String
}

public struct LinkedEntity: Sendable {
    public var entity: Entity
    /// The linked description as an HTML fragment.
    public var html: String
    /// Entities this one's description links to or mentions, by id.
    public var linksTo: [String]
    /// Pages whose text links to or mentions this entity.
    public var linkedFrom: [PageReference]
    public var mentions: [Mention]
    /// Annotations that list this entity or mention or link it.
    public var annotationIDs: [String]
    /// Entities sharing paragraphs with this one, most shared first.
    public var related: [(id: String, count: Int)]
}

public struct LinkedAnnotation: Sendable {
    public var annotation: Annotation
    /// The linked note as an HTML fragment.
    public var html: String
    /// 1-based number of its marker in its article.
    public var number: Int
    public var articleID: String
    /// The anchor of the article block it is shown beside.
    public var blockAnchor: String
    public var entityIDs: [String]
}
