/// The Markdown body of a content file as written, and the file line it starts on.
public struct MarkdownSource: Sendable, Hashable {
    public var text: String
    /// File line of the body's first line (after the front matter).
    public var firstLine: Int

    public init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }
}
