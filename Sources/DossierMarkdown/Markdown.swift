import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for turning values back into HTML.
public struct RenderOptions: Sendable, Hashable {
    /// Let editors' raw HTML and every URL scheme through. Off by default: cmark's safe mode
    /// replaces raw HTML with a comment and empties `javascript:`-style URLs.
    public var allowUnsafeHTML: Bool

    public init(allowUnsafeHTML: Bool = false) {
        self.allowUnsafeHTML = allowUnsafeHTML
    }
}

/// The only door to libcmark: parses Markdown into `Block` values and renders values to HTML.
///
/// Every C tree is created, read and freed inside one call, so no cmark lifetime escapes.
public enum Markdown {
    /// How deeply nodes may nest (block quotes, list items, emphasis, links, counted from the
    /// document): the values are read, rewritten and rendered by recursive functions, and real
    /// Markdown stays well under a dozen levels.
    public static let maximumDepth = 64

    /// Parses a CommonMark document; `lineOffset` is added to every line so that positions
    /// name lines of the file the body came from (after its front matter).
    public static func parse(_ text: String, lineOffset: Int = 0) throws(MarkdownRefusal) -> [Block] {
        try Array(text.utf8).withUnsafeBufferPointer { bytes in
            Result { () throws(MarkdownRefusal) in try parse(utf8: bytes, lineOffset: lineOffset) }
        }.get()
    }

    /// Parses UTF-8 bytes (cmark reads a length, not a terminating NUL). A document nested deeper
    /// than `maximumDepth` is refused before any value is made of it.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int = 0) throws(MarkdownRefusal) -> [Block] {
        let root: OpaquePointer?
        if let base = bytes.baseAddress {
            root = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                cmark_parse_document($0, bytes.count, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)
            }
        } else {
            root = cmark_parse_document("", 0, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)
        }
        guard let root else { return [] }
        defer { cmark_node_free(root) }
        let reader = CTreeReader(lineOffset: lineOffset)
        if let deep = reader.firstNodeDeeper(than: maximumDepth, in: root) {
            throw .tooDeep(reader.enclosingPosition(deep))
        }
        return reader.blocks(childrenOf: root)
    }

    /// Renders blocks to HTML through cmark's own renderer.
    public static func renderHTML(_ blocks: [Block], options: RenderOptions = RenderOptions()) -> String {
        guard let root = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
        defer { cmark_node_free(root) }
        var builder = CTreeBuilder()
        for block in blocks { builder.append(block, to: root) }
        var flags = CMARK_OPT_DEFAULT
        if options.allowUnsafeHTML { flags |= CMARK_OPT_UNSAFE }
        guard let cString = cmark_render_html(root, flags) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    /// Renders inline content (a title, a label) to HTML without a surrounding paragraph.
    public static func renderInlineHTML(_ inlines: [Inline], options: RenderOptions = RenderOptions()) -> String {
        var html = renderHTML([.paragraph(inlines, .generated)], options: options)
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        if html.hasSuffix("</p>\n") { html.removeLast(5) }
        return html
    }
}

/// Why a document was not turned into values.
public enum MarkdownRefusal: Error, Sendable, Hashable {
    /// Nodes nest deeper than `Markdown.maximumDepth` at this position (the first such node's block).
    case tooDeep(SourcePosition)
}

/// Copies a cmark tree into values.
private struct CTreeReader {
    let lineOffset: Int

    func position(_ node: OpaquePointer) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0 else { return .generated }
        return SourcePosition(line: line + lineOffset, column: Int(cmark_node_get_start_column(node)))
    }

    /// The position of `node`, or of the nearest ancestor that has one (cmark gives inlines none).
    func enclosingPosition(_ node: OpaquePointer) -> SourcePosition {
        var current: OpaquePointer? = node
        while let n = current {
            let p = position(n)
            if p.line > 0 { return p }
            current = cmark_node_parent(n)
        }
        return .generated
    }

    /// The first node (in document order) more than `limit` levels below the root, found with
    /// cmark's own iterator, which walks any depth without recursion.
    func firstNodeDeeper(than limit: Int, in root: OpaquePointer) -> OpaquePointer? {
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        // The iterator enters and leaves containers; leaves are only entered.
        var depth = -1
        while true {
            let event = cmark_iter_next(iterator)
            guard event != CMARK_EVENT_DONE, let node = cmark_iter_get_node(iterator) else { return nil }
            if event == CMARK_EVENT_EXIT {
                depth -= 1
                continue
            }
            if depth + 1 > limit { return node }
            if !Self.leafTypes.contains(cmark_node_get_type(node).rawValue) { depth += 1 }
        }
    }

    /// Node types the iterator reports once (no exit event).
    static let leafTypes: Set<UInt32> = Set([CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
                                             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE].map(\.rawValue))

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    func blocks(childrenOf node: OpaquePointer) -> [Block] {
        children(node).compactMap(block)
    }

    func block(_ node: OpaquePointer) -> Block? {
        let pos = position(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(childrenOf: node), pos)
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(childrenOf: node), pos)
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(childrenOf: node), pos)
        case CMARK_NODE_LIST:
            let style: ListStyle = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
            let items = children(node).map { blocks(childrenOf: $0) }
            return .list(style, tight: cmark_node_get_list_tight(node) != 0, items: items, pos)
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)), pos)
        case CMARK_NODE_HTML_BLOCK:
            return .html(string(cmark_node_get_literal(node)), pos)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(pos)
        default:
            return nil
        }
    }

    func inlines(childrenOf node: OpaquePointer) -> [Inline] {
        var result: [Inline] = []
        for child in children(node) {
            guard let inline = inline(child) else { continue }
            // cmark splits text at characters it had to look at (`[`, `]`, `!`); join them back so
            // later stages see the words as an editor wrote them.
            if case .text(let s, let p) = inline, case .text(let previous, let pp)? = result.last {
                result[result.count - 1] = .text(previous + s, pp.line > 0 ? pp : p)
            } else {
                result.append(inline)
            }
        }
        return result
    }

    func inline(_ node: OpaquePointer) -> Inline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)), position(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(childrenOf: node))
        case CMARK_NODE_STRONG: return .strong(inlines(childrenOf: node))
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), inlines(childrenOf: node))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), inlines(childrenOf: node))
        default: return nil
        }
    }
}

/// Rebuilds a cmark tree from values. Every node created here is appended to a parent that the
/// caller frees, so ownership always ends at the document root.
private struct CTreeBuilder {
    func make(_ type: cmark_node_type, into parent: OpaquePointer) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        guard cmark_node_append_child(parent, node) != 0 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    mutating func append(_ block: Block, to parent: OpaquePointer) {
        switch block {
        case .paragraph(let inlines, _):
            guard let node = make(CMARK_NODE_PARAGRAPH, into: parent) else { return }
            inlines.forEach { append($0, to: node) }
        case .heading(let level, let inlines, _):
            guard let node = make(CMARK_NODE_HEADING, into: parent) else { return }
            cmark_node_set_heading_level(node, Int32(level))
            inlines.forEach { append($0, to: node) }
        case .blockQuote(let blocks, _):
            guard let node = make(CMARK_NODE_BLOCK_QUOTE, into: parent) else { return }
            blocks.forEach { append($0, to: node) }
        case .list(let style, let tight, let items, _):
            guard let node = make(CMARK_NODE_LIST, into: parent) else { return }
            switch style {
            case .bullet:
                cmark_node_set_list_type(node, CMARK_BULLET_LIST)
            case .ordered(let start):
                cmark_node_set_list_type(node, CMARK_ORDERED_LIST)
                cmark_node_set_list_start(node, Int32(start))
            }
            cmark_node_set_list_tight(node, tight ? 1 : 0)
            for item in items {
                guard let itemNode = make(CMARK_NODE_ITEM, into: node) else { continue }
                item.forEach { append($0, to: itemNode) }
            }
        case .codeBlock(let info, let literal, _):
            guard let node = make(CMARK_NODE_CODE_BLOCK, into: parent) else { return }
            cmark_node_set_fence_info(node, info)
            cmark_node_set_literal(node, literal)
        case .html(let literal, _):
            guard let node = make(CMARK_NODE_HTML_BLOCK, into: parent) else { return }
            cmark_node_set_literal(node, literal)
        case .thematicBreak:
            _ = make(CMARK_NODE_THEMATIC_BREAK, into: parent)
        case .custom(let enter, let exit, let blocks):
            guard let node = make(CMARK_NODE_CUSTOM_BLOCK, into: parent) else { return }
            cmark_node_set_on_enter(node, enter)
            cmark_node_set_on_exit(node, exit)
            blocks.forEach { append($0, to: node) }
        }
    }

    mutating func append(_ inline: Inline, to parent: OpaquePointer) {
        switch inline {
        case .text(let s, _):
            guard let node = make(CMARK_NODE_TEXT, into: parent) else { return }
            cmark_node_set_literal(node, s)
        case .softBreak:
            _ = make(CMARK_NODE_SOFTBREAK, into: parent)
        case .lineBreak:
            _ = make(CMARK_NODE_LINEBREAK, into: parent)
        case .code(let s):
            guard let node = make(CMARK_NODE_CODE, into: parent) else { return }
            cmark_node_set_literal(node, s)
        case .html(let s):
            guard let node = make(CMARK_NODE_HTML_INLINE, into: parent) else { return }
            cmark_node_set_literal(node, s)
        case .emphasis(let children):
            guard let node = make(CMARK_NODE_EMPH, into: parent) else { return }
            children.forEach { append($0, to: node) }
        case .strong(let children):
            guard let node = make(CMARK_NODE_STRONG, into: parent) else { return }
            children.forEach { append($0, to: node) }
        case .link(let destination, let title, let children):
            guard let node = make(CMARK_NODE_LINK, into: parent) else { return }
            cmark_node_set_url(node, destination)
            cmark_node_set_title(node, title)
            children.forEach { append($0, to: node) }
        case .image(let source, let title, let children):
            guard let node = make(CMARK_NODE_IMAGE, into: parent) else { return }
            cmark_node_set_url(node, source)
            cmark_node_set_title(node, title)
            children.forEach { append($0, to: node) }
        case .custom(let enter, let exit, let children):
            guard let node = make(CMARK_NODE_CUSTOM_INLINE, into: parent) else { return }
            cmark_node_set_on_enter(node, enter)
            cmark_node_set_on_exit(node, exit)
            children.forEach { append($0, to: node) }
        }
    }
}
