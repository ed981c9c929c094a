import Mustache

/// HTML escaping of every `{{value}}` in the templates.
///
/// swift-mustache's own escaper walks Characters and looks each up in a dictionary, a cost paid on
/// every byte of every page, and a `"` followed by a combining mark forms one Character it does not
/// recognise, so the quote went out unescaped. This one works on UTF-8 bytes, so every `< > & " '`
/// is escaped whatever follows it. Templates are parsed with a `{{% CONTENT_TYPE }}` pragma naming it.
struct DossierHTMLContentType: MustacheContentType {
    static let name = "DOSSIER_HTML"
    /// The pragma put before every template's source (a standalone line, so it renders nothing).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type with swift-mustache once, before any template is parsed.
    static let registered: Bool = {
        MustacheContentTypes.register(DossierHTMLContentType(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}

enum HTMLEscaping {
    /// `<` `>` `&` `"` `'` as `&lt;` `&gt;` `&amp;` `&quot;` `&#39;`; the text itself when it has none.
    static func escape(_ text: String) -> String {
        var text = text
        guard let first = text.withUTF8({ $0.firstIndex(where: needsEscape) }) else { return text }
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 8)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B]) // &lt;
                case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B]) // &gt;
                case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B]) // &amp;
                case UInt8(ascii: "\""): out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
                case UInt8(ascii: "'"): out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B]) // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always) static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
