import DossierModel
import DossierCache
import DossierLinking
/// JSON written into the search index's script files, which the page loads with `<script src>`
/// (so the index works opened from disk, where a page may not fetch files).
///
/// Strings are JSON strings (quotes, backslashes and control characters escaped) that also cannot
/// end or confuse the script around them: `<` is written `\u003c`, so no `</script>` or `<!--`
/// appears in any file, and U+2028 and U+2029, line terminators in older JavaScript, are escaped.
/// Arabic and other text stays UTF-8, half the size of `\u` escapes.
struct JavaScriptLiteral {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        if v < 10 { bytes.append(UInt8(ascii: "0") + UInt8(v)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 { buffer[19 - n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 }
            bytes.append(contentsOf: buffer[(20 - n)...])
        }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// Bytes copied as they are: not a quote, backslash, control, `<`, `>`, DEL, or 0xE2 (which
    /// starts U+2028 and U+2029, and is checked).
    private static let plain: [Bool] = (0...255).map { b in
        b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0x3E && b != 0x7F && b != 0xE2
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var i = 0
        while i < utf8.count {
            // Runs of bytes that need no escape are copied whole.
            var end = i
            Self.plain.withUnsafeBufferPointer { plain in
                while end < utf8.count, plain[Int(utf8[end])] { end += 1 }
            }
            if end > i {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                i = end
                if i == utf8.count { break }
            }
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), 0x7F:
                unicodeEscape(UInt32(b))
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default:
                bytes.append(b)
            }
            i += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ v: UInt32) {
        bytes += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }

    private static let base64: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 of `data` (RFC 4648, padded), which a JSON string holds with no escape.
    static func base64(_ data: [UInt8]) -> String {
        let count = (data.count + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: count) { out in
            base64.withUnsafeBufferPointer { table in
                data.withUnsafeBufferPointer { data in
                    var i = 0, o = 0
                    while i + 3 <= data.count {
                        let v = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
                        out[o] = table[Int(v >> 18)]; out[o + 1] = table[Int(v >> 12 & 63)]
                        out[o + 2] = table[Int(v >> 6 & 63)]; out[o + 3] = table[Int(v & 63)]
                        i += 3; o += 4
                    }
                    if i < data.count {
                        let second = i + 1 < data.count
                        let v = UInt32(data[i]) << 16 | (second ? UInt32(data[i + 1]) << 8 : 0)
                        out[o] = table[Int(v >> 18)]; out[o + 1] = table[Int(v >> 12 & 63)]
                        out[o + 2] = second ? table[Int(v >> 6 & 63)] : UInt8(ascii: "="); out[o + 3] = UInt8(ascii: "=")
                    }
                }
            }
            return count
        }
    }

    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (k, v) in values.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            string(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func ints(_ values: some Sequence<Int>) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for v in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            int(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
