/// A position in a Markdown source, 1-based; line 0 means "not from the source" (a node the generator made).
public struct SourcePosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let generated = SourcePosition(line: 0, column: 0)
}

/// A block of a Markdown document, copied out of libcmark's tree into plain values.
///
/// The generator rewrites these values (links, highlights, note markers) and hands them back to
/// `Markdown.renderHTML` (or `renderInlineHTML`), which rebuilds a cmark tree, so cmark's safe
/// renderer has the last word on editors' raw HTML and URLs.
public indirect enum Block: Sendable, Hashable {
    case paragraph([Inline], SourcePosition)
    case heading(level: Int, [Inline], SourcePosition)
    case blockQuote([Block], SourcePosition)
    case list(ListStyle, tight: Bool, items: [[Block]], SourcePosition)
    case codeBlock(info: String, literal: String, SourcePosition)
    case html(String, SourcePosition)
    case thematicBreak(SourcePosition)
    /// The generator's own trusted markup around blocks (never built from editors' input).
    case custom(enter: String, exit: String, [Block])

    public var position: SourcePosition {
        switch self {
        case .paragraph(_, let p), .heading(_, _, let p), .blockQuote(_, let p), .list(_, _, _, let p),
             .codeBlock(_, _, let p), .html(_, let p), .thematicBreak(let p):
            return p
        case .custom(_, _, let children):
            return children.first?.position ?? .generated
        }
    }
}

public enum ListStyle: Sendable, Hashable {
    case bullet
    case ordered(start: Int)
}

/// An inline element of a Markdown document.
public indirect enum Inline: Sendable, Hashable {
    case text(String, SourcePosition)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline])
    case image(source: String, title: String, [Inline])
    /// The generator's own trusted markup (highlights, note markers), emitted verbatim by cmark.
    case custom(enter: String, exit: String, [Inline])

    /// The text a reader sees, without markup.
    public var plainText: String {
        switch self {
        case .text(let s, _): return s
        // A soft break reads as a space, so quotes match across the editor's line wrapping.
        case .softBreak: return " "
        case .lineBreak: return "\n"
        case .code(let s): return s
        case .html: return ""
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c), .custom(_, _, let c):
            return c.plainText
        }
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, without markup.
    public var plainText: String { map(\.plainText).joined() }
}

extension Block {
    /// The text a reader sees, without markup; blocks separated by a blank line.
    public var plainText: String {
        switch self {
        case .paragraph(let i, _), .heading(_, let i, _): return i.plainText
        case .blockQuote(let b, _), .custom(_, _, let b): return b.map(\.plainText).joined(separator: "\n\n")
        case .list(_, _, let items, _): return items.map { $0.map(\.plainText).joined(separator: "\n\n") }.joined(separator: "\n\n")
        case .codeBlock(_, let s, _): return s
        case .html, .thematicBreak: return ""
        }
    }
}
