/// A string with its Unicode scalars, so scalar ranges (what matching and anchoring count in) can be
/// cut back out as Strings by copying bytes, not by appending scalar after scalar.
public struct ScalarText: Sendable, Hashable {
    public let string: String
    public let scalars: [Unicode.Scalar]
    /// The UTF-8 offset of each scalar, and of the end.
    private let utf8Offsets: [Int]

    public init(_ string: String) {
        var string = string
        string.makeContiguousUTF8()
        (scalars, utf8Offsets) = string.withUTF8(Self.decode)
        self.string = string
    }

    /// The scalars of valid UTF-8 and the offset of each (and of the end), decoded in one pass into
    /// arrays allocated once: this runs on every text of every article.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Unicode.Scalar], [Int]) {
        let n = bytes.count
        guard n > 0 else { return ([], [0]) }
        var offsets: [Int] = []
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: n) { scalarBuffer, scalarCount in
            offsets = [Int](unsafeUninitializedCapacity: n + 1) { offsetBuffer, offsetCount in
                var i = 0, k = 0
                while i < n {
                    let b0 = bytes[i]
                    var value = UInt32(b0), width = 1
                    if b0 >= 0xF0 {
                        value = (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                            | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                        width = 4
                    } else if b0 >= 0xE0 {
                        value = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                        width = 3
                    } else if b0 >= 0x80 {
                        value = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                        width = 2
                    }
                    // A String's UTF-8 is always valid, so `value` is always a scalar.
                    scalarBuffer.initializeElement(at: k, to: unsafeBitCast(value, to: Unicode.Scalar.self))
                    offsetBuffer.initializeElement(at: k, to: i)
                    i += width
                    k += 1
                }
                offsetBuffer.initializeElement(at: k, to: n)
                offsetCount = k + 1
                scalarCount = k
            }
        }
        return (scalars, offsets)
    }

    /// How many Unicode scalars `string` has, counted in its UTF-8 without decoding: every byte that
    /// does not continue a scalar starts one (a String's UTF-8 is always valid).
    public static func scalarCount(_ string: String) -> Int {
        string.utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes { count &+= byte & 0xC0 == 0x80 ? 0 : 1 }
            return count
        } ?? string.unicodeScalars.count
    }

    /// `string` cut at scalar offsets `range.lowerBound` and `range.upperBound` (each at most its
    /// scalar count): what comes before, inside and after, found in its UTF-8 without decoding.
    public static func split(_ string: String, at range: Range<Int>) -> (before: String, inside: String, after: String) {
        var string = string
        return string.withUTF8 { bytes in
            var scalar = 0, lower = bytes.count, upper = bytes.count
            for i in bytes.indices where bytes[i] & 0xC0 != 0x80 {
                if scalar == range.lowerBound { lower = i }
                if scalar == range.upperBound { upper = i; break }
                scalar += 1
            }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
            return (text(0..<lower), text(lower..<upper), text(upper..<bytes.count))
        }
    }

    /// Where scalar `index` (or the end, at `scalars.count`) starts in the string's UTF-8.
    public func utf8Offset(of index: Int) -> Int { utf8Offsets[index] }

    /// The scalars in `range` as a String.
    public func slice(_ range: Range<Int>) -> String {
        let utf8 = string.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: utf8Offsets[range.lowerBound])
        let end = utf8.index(start, offsetBy: utf8Offsets[range.upperBound] - utf8Offsets[range.lowerBound])
        return String(string[start..<end])
    }
}
