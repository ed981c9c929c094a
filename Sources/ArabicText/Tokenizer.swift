/// A word of normalised text: its scalars and where it lies in the normalised text.
public struct Token: Sendable, Hashable {
    public let text: String
    public let range: Range<Int>
}

/// Splits normalised text into words on whitespace and punctuation, Arabic (، ؛ ؟ « ») and Latin alike.
public enum Tokenizer {
    public static func tokens(of text: NormalizedText) -> [Token] {
        wordRanges(in: text.scalars).map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text.scalars[range])
            return Token(text: String(view), range: range)
        }
    }

    /// Where the words of `scalars` lie, without making a String of each (the matcher's hot path).
    public static func wordRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(scalars.count / 5)
        var start = -1
        lowWordScalars.withUnsafeBufferPointer { low in
            for i in scalars.indices {
                let scalar = scalars[i]
                if scalar.value < lowLimit ? low[Int(scalar.value)] : isWordScalar(scalar) {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    ranges.append(start..<i)
                    start = -1
                }
            }
        }
        if start >= 0 { ranges.append(start..<scalars.count) }
        return ranges
    }

    /// `isWordScalar` of every scalar below U+0700 (ASCII, Latin-1 and the Arabic block), made once.
    static let lowLimit: UInt32 = 0x700
    static let lowWordScalars: [Bool] = (0..<lowLimit).map { Unicode.Scalar($0).map(isWordScalar) ?? false }

    /// Letters and digits make words; everything else (spaces, punctuation, symbols) separates them.
    @inline(__always)
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Fast answers for ASCII and the Arabic letters and digits; Unicode properties for the rest.
        if v < 0x80 { return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        if (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) || (0x0660...0x0669).contains(v) { return true }
        if v == 0xA0 || v == 0x060C || v == 0x061B || v == 0x061F || v == 0xAB || v == 0xBB { return false }
        let p = scalar.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// The words of a phrase, normalised (an alias, a name).
    public static func words(of phrase: String) -> [String] {
        tokens(of: ArabicNormalizer.normalize(phrase)).map(\.text)
    }
}
