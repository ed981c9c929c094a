import DossierModel
import DossierCache
import DossierLinking
/// The text a reader sees in an HTML fragment that cmark rendered (a linked paragraph, a note),
/// for the search index: tags and comments removed, character references decoded, white space
/// collapsed, and the numbered note markers (`<sup class="note-ref">`) left out, since their
/// numbers are not words of the text.
///
/// It reads the fragments linking made rather than the Markdown, so the text is exactly what the
/// page shows (links, highlights and all) and a build whose linking came from the cache needs no
/// Markdown parsed again.
enum SearchText {
    /// The text, as UTF-8: runs of the fragment's own text and the scalars of its references, so
    /// valid UTF-8 from valid UTF-8.
    static func plainText(fromHTML html: String) -> [UInt8] {
        var html = html
        return html.withUTF8 { plainText(utf8: $0) }
    }

    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        var pendingSpace = false
        /// How deep inside a note marker (`<sup class="note-ref">`) the scan is; its text is skipped.
        var skipping = 0
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "<") {
                // A comment, a tag: skipped whole. Block-level tags part words as a space would.
                if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < n, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                    i = min(j + 3, n)
                    continue
                }
                var j = i + 1
                var quote: UInt8 = 0
                while j < n {
                    let c = bytes[j]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c } else if c == UInt8(ascii: ">") { break }
                    j += 1
                }
                let tag = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(j, n)])
                if startsWith(tag, Self.sup) {
                    if skipping > 0 || contains(tag, Self.noteRef) { skipping += 1 }
                } else if startsWith(tag, Self.closingSup), skipping > 0 {
                    skipping -= 1
                } else if !isInline(tag) {
                    pendingSpace = true
                }
                i = min(j + 1, n)
                continue
            }
            if skipping > 0 { i += 1; continue }
            if isSpace(b) {
                pendingSpace = true
                i += 1
                continue
            }
            if b == UInt8(ascii: "&"), let (scalar, length) = reference(bytes, at: i) {
                if scalar == " " { pendingSpace = true } else {
                    if pendingSpace, !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out += String(scalar).utf8
                }
                i += length
                continue
            }
            // A run of text, copied whole: up to a tag, a reference or white space, but for single
            // spaces between words, which it keeps as they are.
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            var end = i + 1
            while end < n {
                let c = bytes[end]
                if c == 0x20, end + 1 < n, !isSpecial(bytes[end + 1]) { end += 2; continue }
                if isSpecial(c) { break }
                end += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
            i = end
        }
        return out
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// What ends a run of text: white space, a tag or a character reference.
    static func isSpecial(_ b: UInt8) -> Bool { isSpace(b) || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") }

    /// Elements inside a line of text: a tag of these joins the words around it.
    static let inlineTags = ["a", "mark", "em", "strong", "code", "span", "bdi", "sup", "sub", "del", "ins", "s", "b", "i", "u", "q",
                             "small", "abbr", "cite", "dfn", "kbd", "samp", "var", "time", "img"]
    /// The same names, each packed into a number as `packedName` packs a tag's.
    static let packedInlineTags: Set<UInt64> = Set(inlineTags.map { name in name.utf8.reduce(0) { $0 << 8 | UInt64($1) } })

    static func isInline(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        if k < tag.count, tag[k] == UInt8(ascii: "/") { k += 1 }
        // The name, lower-cased, eight letters at most (every inline name is shorter).
        var packed: UInt64 = 0, letters = 0
        while k < tag.count, (tag[k] >= 0x61 && tag[k] <= 0x7A) || (tag[k] >= 0x41 && tag[k] <= 0x5A) || (tag[k] >= 0x30 && tag[k] <= 0x39) {
            letters += 1
            if letters > 8 { return false }
            packed = packed << 8 | UInt64(tag[k] | 0x20)
            k += 1
        }
        return packedInlineTags.contains(packed)
    }

    static let sup = Array("sup".utf8), closingSup = Array("/sup".utf8), noteRef = Array("note-ref".utf8)

    static func startsWith(_ tag: UnsafeBufferPointer<UInt8>, _ p: [UInt8]) -> Bool {
        guard tag.count >= p.count, tag.starts(with: p) else { return false }
        return tag.count == p.count || tag[p.count] == 0x20 || tag[p.count] == UInt8(ascii: ">") || tag[p.count] == UInt8(ascii: "/")
    }

    static func contains(_ tag: UnsafeBufferPointer<UInt8>, _ w: [UInt8]) -> Bool {
        guard tag.count >= w.count else { return false }
        for start in 0...(tag.count - w.count) where tag[start..<(start + w.count)].elementsEqual(w) { return true }
        return false
    }

    static let namedReferences: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// A character reference at `i` (`&amp;`, `&#1575;`, `&#x627;` and the few named ones cmark
    /// writes): the scalar and the reference's length; nil for a lone `&`.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        while j < bytes.count, j - i <= 10, bytes[j] != UInt8(ascii: ";") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
        let length = j - i + 1
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            guard let v = UInt32(body.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) else { return nil }
            return (s, length)
        }
        if body.hasPrefix("#") {
            guard let v = UInt32(body.dropFirst()), let s = Unicode.Scalar(v) else { return nil }
            return (s, length)
        }
        return namedReferences[body].map { ($0, length) }
    }
}
