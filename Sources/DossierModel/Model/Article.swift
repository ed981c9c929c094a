
/// A news article as received, with the editors' front matter.
public struct Article: Sendable, Hashable {
    public var id: String
    public var path: String
    public var title: String
    public var source: String
    public var sourceURL: String?
    public var published: String?
    public var language: String
    public var highlights: [String]
    /// Parsed when linking needs it (a cached link result does not).
    public var markdown: MarkdownSource
    /// Set by the loader for the build cache (see `LoadDigests`).
    package var loadDigests: LoadDigests? = nil
}
