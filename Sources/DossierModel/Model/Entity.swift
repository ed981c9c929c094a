
/// What an entity is; also the groups of the entity index, in this order.
public enum EntityKind: String, Sendable, Hashable, CaseIterable {
    case person, country, organization, place, treaty, event, concept
}

/// A title and address of a source an editor relied on.
public struct SourceReference: Sendable, Hashable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// A value from front matter with the place it was written, for diagnostics.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// A person, country, organisation, place, treaty, event or concept with a page of its own.
public struct Entity: Sendable, Hashable {
    public var id: String
    public var path: String
    public var name: String
    public var kind: EntityKind
    public var aliases: [Located<String>]
    public var nameEnglish: String?
    public var summary: String?
    public var date: String?
    public var sortKey: String?
    public var sources: [SourceReference]
    /// Phrases that are never this entity, though a shorter name of it is in them (بحر اليابان is
    /// not Japan): longest match wins, so they keep those words from being read as the name.
    public var exclusions: [Located<String>] = []
    /// Dated happenings for the chronology (the entity's own `date` is shown there too).
    public var events: [Event] = []
    /// Parsed when linking needs it (a cached link result does not).
    public var markdown: MarkdownSource
    /// Set by the loader for the build cache (see `LoadDigests`).
    package var loadDigests: LoadDigests? = nil
    /// Where `name` is written, for diagnostics about it.
    public var nameLine: Int
    public var nameColumn: Int
}
