
/// How an annotation relates to the passage it is anchored to; also the groups of the annotation index.
public enum AnnotationKind: String, Sendable, Hashable, CaseIterable {
    case context, analysis, factCheck = "fact-check", definition
}

/// An editor's note anchored to the exact words of an article it discusses.
public struct Annotation: Sendable, Hashable {
    public var id: String
    public var path: String
    public var quote: Located<String>
    public var article: Located<String>?
    public var entities: [Located<String>]
    public var kind: AnnotationKind
    public var language: String
    public var author: String?
    public var date: String?
    public var sources: [SourceReference]
    /// Dated happenings for the chronology.
    public var events: [Event] = []
    /// Parsed when linking needs it (a cached link result does not).
    public var markdown: MarkdownSource
    /// Set by the loader for the build cache (see `LoadDigests`).
    package var loadDigests: LoadDigests? = nil
}
