import Foundation
import DossierMarkdown
import DossierModel

/// Markdown stage: every body into `Block` values through cmark (one cmark tree per thread).
public enum MarkdownStage {
    /// Stands for an escaped `\[` / `\]` until the linker has seen the text, so `\[\[x]]` stays literal.
    package static let escapedOpen: Character = "\u{E000}"
    package static let escapedClose: Character = "\u{E001}"

    /// Bodies larger than this are refused: cmark 0.30 has known quadratic inputs.
    public static let maximumBodyBytes = 2_000_000

    /// Refuses bodies too large to parse safely; the rest are parsed by `parse(_:)` when linking
    /// needs them, on whichever core links them.
    public static func check(_ site: Site) -> [Diagnostic] {
        let all = site.articles.map { ($0.path, $0.markdown) } + site.entities.map { ($0.path, $0.markdown) }
            + site.annotations.map { ($0.path, $0.markdown) }
        return all.filter { $0.1.utf8.count > maximumBodyBytes }.map { path, source in
            .error(path, "this file is too large (\(source.utf8.count) bytes)",
                   hint: "split it; one file may hold at most \(maximumBodyBytes) bytes of Markdown")
        }
    }

    /// A body as `Block` values, or none with the error that says why cmark was not asked: a body
    /// over the size limit (already reported by `check`), one with too much work for cmark 0.30's
    /// quadratic bracket handling (`ImageBracketCost`), or one nested too deeply to read safely.
    package static func parse(_ source: MarkdownSource, path: String) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        guard source.utf8.count <= maximumBodyBytes else { return ([], []) }
        if let costly = ImageBracketCost.refusal(source.utf8, firstLine: source.firstLine) {
            return ([], [.error(path, line: costly.line, column: 1,
                                "too many unclosed image brackets '![' before links (\(costly.images) '![' and \(costly.closers) ']' in one paragraph)",
                                hint: "cmark takes time that grows with their product; close each image as ![text](address), or write a literal bracket as \\[")])
        }
        let parsed = protectEscapedBrackets(source.utf8).withUnsafeBufferPointer { bytes in
            Result { () throws(MarkdownRefusal) in try Markdown.parse(utf8: bytes, lineOffset: source.firstLine - 1) }
        }
        switch parsed {
        case .success(let blocks):
            return (blocks.map(restoreEscapesOutsideText), [])
        case .failure(.tooDeep(let position)):
            return ([], [.error(path, line: position.line, column: position.column,
                                "Markdown nested more than \(Markdown.maximumDepth) levels deep",
                                hint: "quotes ('>'), lists, emphasis and links may nest at most \(Markdown.maximumDepth) levels; flatten this passage")])
        }
    }

    /// Whether `s` holds a placeholder, scanning bytes (U+E000/U+E001 begin with EE 80 in UTF-8).
    package static func hasEscapePlaceholder(_ s: String) -> Bool {
        ByteScan.contains(0xEE, in: s) && (s.unicodeScalars.contains("\u{E000}") || s.unicodeScalars.contains("\u{E001}"))
    }

    /// Replaces `\[` and `\]` by placeholders, leaving other backslash escapes (including `\\`) to cmark.
    /// In UTF-8 a backslash and a bracket are single bytes that no other scalar contains, so pairs of
    /// bytes are pairs of scalars.
    static func protectEscapedBrackets(_ utf8: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard utf8.withUnsafeBufferPointer({ ByteScan.contains(0x5C, in: $0) }) else { return utf8 }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 16)
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            i += 1
            guard byte == 0x5C, i < utf8.endIndex else { result.append(byte); continue }
            let next = utf8[i]
            i += 1
            switch next {
            case 0x5B: result += [0xEE, 0x80, 0x80] // U+E000
            case 0x5D: result += [0xEE, 0x80, 0x81] // U+E001
            default: result.append(byte); result.append(next)
            }
        }
        return result[...]
    }

    /// In code, destinations and titles the placeholders go back to the backslash escapes the editor wrote.
    static func restoreEscapesOutsideText(_ block: Block) -> Block {
        func restore(_ s: String) -> String {
            guard hasEscapePlaceholder(s) else { return s }
            return s.replacingOccurrences(of: String(escapedOpen), with: "\\[").replacingOccurrences(of: String(escapedClose), with: "\\]")
        }
        func inline(_ i: Inline) -> Inline {
            switch i {
            case .code(let s): return .code(restore(s))
            case .link(let d, let t, let c): return .link(destination: restore(d), title: restore(t), c.map(inline))
            case .image(let d, let t, let c): return .image(source: restore(d), title: restore(t), c.map(inline))
            case .emphasis(let c): return .emphasis(c.map(inline))
            case .strong(let c): return .strong(c.map(inline))
            case .custom(let a, let b, let c): return .custom(enter: a, exit: b, c.map(inline))
            case .html(let s): return .html(restore(s))
            default: return i
            }
        }
        switch block {
        case .paragraph(let i, let p): return .paragraph(i.map(inline), p)
        case .heading(let l, let i, let p): return .heading(level: l, i.map(inline), p)
        case .blockQuote(let b, let p): return .blockQuote(b.map(restoreEscapesOutsideText), p)
        case .list(let s, let t, let items, let p): return .list(s, tight: t, items: items.map { $0.map(restoreEscapesOutsideText) }, p)
        case .codeBlock(let info, let literal, let p): return .codeBlock(info: restore(info), literal: restore(literal), p)
        case .html(let s, let p): return .html(restore(s), p)
        case .custom(let a, let b, let c): return .custom(enter: a, exit: b, c.map(restoreEscapesOutsideText))
        case .thematicBreak: return block
        }
    }
}
