/// The Markdown body of a content file as written, and the file line it starts on.
public struct MarkdownSource: Sendable, Hashable {
    /// The body's UTF-8, checked when its file was read. Kept as bytes: cmark and the build cache's
    /// digests read bytes, and a rebuild that finds a file unchanged never needs its body as a
    /// String, which would check all its UTF-8 again. Usually the end of the file's bytes as read,
    /// not a copy of them.
    public var utf8: ArraySlice<UInt8>
    /// File line of the body's first line (after the front matter).
    public var firstLine: Int

    /// The body as a String, made when asked for.
    public var text: String {
        get { String(decoding: utf8, as: UTF8.self) }
        set { utf8 = Array(newValue.utf8)[...] }
    }

    public init(text: String, firstLine: Int) {
        self.init(utf8: Array(text.utf8)[...], firstLine: firstLine)
    }

    /// `utf8` must be valid UTF-8.
    public init(utf8: ArraySlice<UInt8>, firstLine: Int) {
        self.utf8 = utf8
        self.firstLine = firstLine
    }
}
