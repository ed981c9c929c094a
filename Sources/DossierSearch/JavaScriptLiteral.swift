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

    /// Bytes already written as JavaScript, as they are.
    mutating func append(_ written: some Collection<UInt8>) {
        bytes.append(contentsOf: written)
    }

    /// Writes `value` in decimal at `out` and says how many bytes it wrote (at most 10).
    @inline(__always)
    static func decimal(_ value: UInt32, at out: UnsafeMutablePointer<UInt8>) -> Int {
        // Most differences between document numbers are one or two digits.
        if value < 10 { out[0] = UInt8(ascii: "0") &+ UInt8(value); return 1 }
        if value < 100 { out[0] = UInt8(ascii: "0") &+ UInt8(value / 10); out[1] = UInt8(ascii: "0") &+ UInt8(value % 10); return 2 }
        var digits = 1, power: UInt32 = 10
        while digits < 10, value >= power { digits += 1; power = power &* 10 }
        var v = value
        for k in stride(from: digits - 1, through: 0, by: -1) {
            out[k] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
        return digits
    }

    /// Takes out what was written from `index` on.
    mutating func removeBytes(from index: Int) -> [UInt8] {
        defer { bytes.removeSubrange(index...) }
        return Array(bytes[index...])
    }

    /// Starts again, keeping the memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

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
        if singleByteArabic { return singleByteString(utf8: utf8) }
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
            if b == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 3
            } else {
                b < 0x80 ? escape(b) : bytes.append(b)
                i += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An ASCII byte that `plain` does not let through.
    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
        case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
        case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
        case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
        default: unicodeEscape(UInt32(b))
        }
    }

    // MARK: ISO-8859-6

    /// Whether strings are written in ISO-8859-6 rather than UTF-8: the Arabic letters, marks and
    /// punctuation it has take one byte each, and every other scalar above ASCII is a `\u` escape.
    /// The search index's compressed documents are written so: Arabic text is half the bytes to
    /// compress, and the page reads them back with `TextDecoder("iso-8859-6")`.
    var singleByteArabic = false

    /// Per scalar below U+0680, its byte in ISO-8859-6 (as the Encoding Standard maps it), or 0.
    private static let iso88596: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x680)
        for (byte, scalar) in [(0xA0, 0x00A0), (0xA4, 0x00A4), (0xAC, 0x060C), (0xAD, 0x00AD), (0xBB, 0x061B), (0xBF, 0x061F)] {
            table[scalar] = UInt8(byte)
        }
        for scalar in 0x0621...0x063A { table[scalar] = UInt8(scalar - 0x560) }
        for scalar in 0x0640...0x0652 { table[scalar] = UInt8(scalar - 0x560) }
        return table
    }()

    /// The same bytes for U+0600…U+067F, by the low bit of the lead byte (0xD8 or 0xD9) and the
    /// continuation byte's six bits: the Arabic letters, read two UTF-8 bytes at a time.
    private static let arabicBlock: [UInt8] = (0..<128).map { iso88596[0x600 + $0] }

    private mutating func singleByteString(utf8: UnsafeBufferPointer<UInt8>) {
        // At most six bytes (an escape) per byte read, and the quotes.
        let written = [UInt8](unsafeUninitializedCapacity: utf8.count * 6 + 2) { out, count in
            count = Self.plain.withUnsafeBufferPointer { plain in
                Self.iso88596.withUnsafeBufferPointer { single in
                    Self.arabicBlock.withUnsafeBufferPointer { arabic in
                        Self.hex.withUnsafeBufferPointer { hex in
                            Self.singleByte(utf8, into: out.baseAddress!, plain: plain, single: single, arabic: arabic, hex: hex)
                        }
                    }
                }
            }
        }
        bytes += written
    }

    /// Writes `utf8` as a quoted string in ISO-8859-6 at `out`, and says how many bytes it wrote.
    /// The place written next is a local, never captured by a nested function, so it stays in a register.
    /// The letters' and plain bytes' paths add positions with wrapping arithmetic (none comes near
    /// `Int.max`).
    private static func singleByte(_ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, plain: UnsafeBufferPointer<Bool>,
                                   single: UnsafeBufferPointer<UInt8>, arabic: UnsafeBufferPointer<UInt8>, hex: UnsafeBufferPointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\"")
        var o = 1, i = 0
        while i < utf8.count {
            let b0 = utf8[i]
            // Most of the text: an Arabic letter (lead byte 0xD8 or 0xD9) that has its byte.
            if b0 & 0xFE == 0xD8 {
                let byte = arabic[Int(b0 & 1) &<< 6 | Int(utf8[i &+ 1] & 0x3F)]
                if byte != 0 { out[o] = byte; o &+= 1; i &+= 2; continue }
            }
            if b0 < 0x80 {
                i &+= 1
                if plain[Int(b0)] { out[o] = b0; o &+= 1; continue }
                switch b0 {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[o] = 0x5C; out[o + 1] = b0; o += 2
                case 0x0A: out[o] = 0x5C; out[o + 1] = UInt8(ascii: "n"); o += 2
                case 0x09: out[o] = 0x5C; out[o + 1] = UInt8(ascii: "t"); o += 2
                case 0x0D: out[o] = 0x5C; out[o + 1] = UInt8(ascii: "r"); o += 2
                default: o += escape(UInt32(b0), at: out + o, hex: hex)
                }
                continue
            }
            // Valid UTF-8: a lead byte and its continuation bytes.
            var value: UInt32
            if b0 < 0xE0 {
                value = UInt32(b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                value = UInt32(b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                i += 3
            } else {
                value = UInt32(b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
                i += 4
            }
            if value < 0x680, single[Int(value)] != 0 {
                out[o] = single[Int(value)]; o += 1
            } else if value > 0xFFFF {
                value -= 0x10000
                o += escape(0xD800 | value >> 10, at: out + o, hex: hex)
                o += escape(0xDC00 | value & 0x3FF, at: out + o, hex: hex)
            } else {
                o += escape(value, at: out + o, hex: hex)
            }
        }
        out[o] = UInt8(ascii: "\"")
        return o + 1
    }

    /// Writes `\uXXXX` for `v` at `out`; says how many bytes it wrote (six).
    @inline(__always)
    private static func escape(_ v: UInt32, at out: UnsafeMutablePointer<UInt8>, hex: UnsafeBufferPointer<UInt8>) -> Int {
        out[0] = 0x5C; out[1] = UInt8(ascii: "u")
        out[2] = hex[Int(v >> 12 & 0xF)]; out[3] = hex[Int(v >> 8 & 0xF)]
        out[4] = hex[Int(v >> 4 & 0xF)]; out[5] = hex[Int(v & 0xF)]
        return 6
    }

    private mutating func unicodeEscape(_ v: UInt32) {
        bytes += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }

    private static let base64: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The two characters of each 12 bits, the first in the low byte.
    private static let base64Pairs: [UInt16] = (0..<4096).map { UInt16(base64[$0 >> 6]) | UInt16(base64[$0 & 63]) << 8 }

    /// The base64 of `data` (RFC 4648, padded), which a JSON string holds with no escape.
    static func base64(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = (data.count + 2) / 3 * 4
        return [UInt8](unsafeUninitializedCapacity: count) { out, written in
            base64.withUnsafeBufferPointer { table in
                base64Pairs.withUnsafeBufferPointer { pairs in
                    var i = 0, o = 0
                    // Six bytes (48 bits, four times 12) at a time, read as one word with two bytes
                    // to spare, written as eight characters.
                    while i &+ 8 <= data.count {
                        let w = UInt64(bigEndian: UnsafeRawPointer(data.baseAddress! + i).loadUnaligned(as: UInt64.self))
                        let characters = UInt64(pairs[Int(w &>> 52)]) | UInt64(pairs[Int(w &>> 40 & 0xFFF)]) &<< 16
                            | UInt64(pairs[Int(w &>> 28 & 0xFFF)]) &<< 32 | UInt64(pairs[Int(w &>> 16 & 0xFFF)]) &<< 48
                        UnsafeMutableRawPointer(out.baseAddress! + o).storeBytes(of: characters.littleEndian, as: UInt64.self)
                        i &+= 6; o &+= 8
                    }
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
            written = count
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
}
