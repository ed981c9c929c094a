import Foundation

/// Text normalised for matching (never for display), with a map back to the original scalars.
public struct NormalizedText: Sendable, Hashable {
    /// The original text, with its scalars.
    public let source: ScalarText
    /// The original text as Unicode scalars.
    public var original: [Unicode.Scalar] { source.scalars }
    /// The normalised scalars.
    public let scalars: [Unicode.Scalar]
    /// For each normalised scalar, the index of the original scalar it came from.
    public let origin: [Int]

    /// The normalised text as a String.
    public var string: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// The original scalars behind normalised range `range`, as indices into `original`
    /// (from the first contributing scalar up to, not including, the scalar after the last).
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origin.count ? origin[range.lowerBound] : original.count
            return at..<at
        }
        let start = origin[range.lowerBound]
        let last = origin[range.upperBound - 1]
        // The end extends over marks and format characters that were deleted after the last kept scalar.
        var end = last + 1
        while end < original.count, ArabicNormalizer.isDeleted(original[end]) { end += 1 }
        return start..<end
    }
}

/// Normalises Arabic (and Latin) text for matching, as in the notes' rules:
/// NFKC, delete format characters and marks, unify alef forms, ى and ی → ي, ک → ك, ؤ and ئ → ء, ة→ه,
/// Arabic-Indic digits → 0–9, lower-case Latin.
public enum ArabicNormalizer {
    public static func normalize(_ text: String) -> NormalizedText {
        let source = ScalarText(text)
        if let (scalars, origin) = normalizeStable(source.scalars) {
            return NormalizedText(source: source, scalars: scalars, origin: origin)
        }
        let original = source.scalars
        var scalars: [Unicode.Scalar] = []
        var origin: [Int] = []
        scalars.reserveCapacity(original.count)
        origin.reserveCapacity(original.count)
        for (index, scalar) in original.enumerated() {
            if isCompatibilityStable(scalar.value) {
                // The common case, without building the one-scalar array of `compatibilityForm`.
                guard !isDeleted(scalar) else { continue }
                scalars.append(fold(scalar))
                origin.append(index)
                continue
            }
            for s in compatibilityForm(of: scalar) {
                guard !isDeleted(s) else { continue }
                scalars.append(fold(s))
                origin.append(index)
            }
        }
        return NormalizedText(source: source, scalars: scalars, origin: origin)
    }

    /// The common case, every scalar already in NFKC: each gives at most one normalised scalar, so
    /// the arrays are allocated once and filled in place. Nil when a scalar needs its NFKC form.
    static func normalizeStable(_ original: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int])? {
        let n = original.count
        var origin: [Int] = []
        var stable = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: n) { scalarBuffer, scalarCount in
            origin = [Int](unsafeUninitializedCapacity: n) { originBuffer, originCount in
                var k = 0
                original.withUnsafeBufferPointer { original in
                    low.withUnsafeBufferPointer { low in
                        for index in 0..<n {
                            let scalar = original[index]
                            let folded: Unicode.Scalar
                            if scalar.value < lowLimit {
                                let mapped = low[Int(scalar.value)]
                                guard mapped != unstable else { stable = false; break }
                                guard mapped != deleted else { continue }
                                folded = unsafeBitCast(mapped, to: Unicode.Scalar.self)
                            } else {
                                guard isCompatibilityStable(scalar.value) else { stable = false; break }
                                guard !isDeleted(scalar) else { continue }
                                folded = fold(scalar)
                            }
                            scalarBuffer.initializeElement(at: k, to: folded)
                            originBuffer.initializeElement(at: k, to: index)
                            k += 1
                        }
                    }
                }
                originCount = k
                scalarCount = k
            }
        }
        return stable ? (scalars, origin) : nil
    }

    /// Scalars below U+0700 (ASCII, Latin-1 and the Arabic block, nearly all of an Arabic text) are
    /// normalised by looking them up in `low`, made once from the rules below: each entry is the
    /// folded scalar's value, `deleted`, or `unstable` (it needs its NFKC form).
    static let lowLimit: UInt32 = 0x700
    static let deleted: UInt32 = 0xFFFF_FFFF
    static let unstable: UInt32 = 0xFFFF_FFFE
    static let low: [UInt32] = (0..<lowLimit).map { v in
        guard isCompatibilityStable(v), let scalar = Unicode.Scalar(v) else { return unstable }
        return isDeleted(scalar) ? deleted : fold(scalar).value
    }

    /// The words of valid UTF-8 text, normalised: what `Tokenizer.wordRanges` finds in
    /// `normalize(_:).scalars`, made in one pass over the bytes without either array (the search
    /// index reads every word of the site this way, through `NormalizedWords`, which keeps the
    /// arrays from one text to the next). Word `w` is `scalars[ends[w - 1]..<ends[w]]` (from 0 for
    /// the first).
    public static func normalizedWords(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (scalars: [UInt32], ends: [Int]) {
        var words = NormalizedWords()
        words.read(utf8: bytes)
        return (Array(words.scalars[..<(words.ends.last ?? 0)]), words.ends)
    }

    /// The words of a text whose every scalar is below `lowLimit` and stable under NFKC, or a
    /// direction mark, dash or quote (nearly every Arabic or English text): each scalar gives at most
    /// one, so the words' scalars are written into `out` (room for one per byte) without growing it,
    /// and their ends appended to `ends`. The number of scalars, or nil for any other text.
    static func lowWords(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>, ends: inout [Int]) -> Int? {
        var n = 0, inWord = false
        let read = low.withUnsafeBufferPointer { low in
            Tokenizer.lowWordScalars.withUnsafeBufferPointer { lowWord -> Bool in
                var i = 0
                while i < bytes.count {
                    let b0 = bytes[i]
                    var value = UInt32(b0)
                    if b0 < 0x80 {
                        i += 1
                    } else if b0 < 0xE0 {
                        value = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        // Direction marks and the dashes and quotes of Arabic text: removed, or kept
                        // as they are and never in a word.
                        value = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                        let scalar = unsafeBitCast(value, to: Unicode.Scalar.self)
                        if isDeleted(scalar) { continue }
                        guard isStablePunctuation(value), !Tokenizer.isWordScalar(scalar) else { return false }
                        if inWord {
                            ends.append(n)
                            inWord = false
                        }
                        continue
                    }
                    guard b0 < 0xE0, value < lowLimit else { return false }
                    let mapped = low[Int(value)]
                    if mapped == deleted { continue }
                    // A folded low scalar stays low (`fold` maps the Arabic block and ASCII into themselves).
                    guard mapped != unstable, mapped < lowLimit else { return false }
                    if lowWord[Int(mapped)] {
                        out[n] = mapped
                        n += 1
                        inWord = true
                    } else if inWord {
                        ends.append(n)
                        inWord = false
                    }
                }
                return true
            }
        }
        guard read else { ends.removeAll(keepingCapacity: true); return nil }
        if inWord { ends.append(n) }
        return n
    }

    /// `normalizedWords` of any valid UTF-8.
    static func anyNormalizedWords(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (scalars: [UInt32], ends: [Int]) {
        var words = WordCollector(capacity: bytes.count)
        low.withUnsafeBufferPointer { low in
            Tokenizer.lowWordScalars.withUnsafeBufferPointer { lowWord in
                var i = 0
                let n = bytes.count
                while i < n {
                    let b0 = bytes[i]
                    var value = UInt32(b0)
                    if b0 < 0x80 {
                        i += 1
                    } else if b0 >= 0xF0 {
                        value = (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                            | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    } else if b0 >= 0xE0 {
                        value = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        value = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    }
                    if value < lowLimit {
                        let mapped = low[Int(value)]
                        if mapped == deleted { continue }
                        if mapped != unstable {
                            words.put(mapped, isWord: mapped < lowLimit ? lowWord[Int(mapped)] : Tokenizer.isWordScalar(Unicode.Scalar(mapped)!))
                            continue
                        }
                    }
                    // Valid UTF-8 decodes to scalars only.
                    let scalar = unsafeBitCast(value, to: Unicode.Scalar.self)
                    for s in compatibilityForm(of: scalar) where !isDeleted(s) {
                        let folded = fold(s)
                        words.put(folded.value, isWord: folded.value < lowLimit ? lowWord[Int(folded.value)] : Tokenizer.isWordScalar(folded))
                    }
                }
            }
        }
        words.finish()
        return (words.scalars, words.ends)
    }

    /// The words `normalizedWords` finds, as it finds them.
    private struct WordCollector {
        var scalars: [UInt32] = []
        var ends: [Int] = []
        var inWord = false

        init(capacity bytes: Int) {
            scalars.reserveCapacity(bytes / 2 + 1)
            ends.reserveCapacity(bytes / 8 + 1)
        }

        @inline(__always) mutating func put(_ value: UInt32, isWord: Bool) {
            if isWord {
                scalars.append(value)
                inWord = true
            } else if inWord {
                ends.append(scalars.count)
                inWord = false
            }
        }

        mutating func finish() {
            if inWord { ends.append(scalars.count) }
        }
    }

    /// The normalised form as a plain string, for keys and comparisons.
    public static func key(_ text: String) -> String {
        normalize(text).string
    }

    /// NFKC of one scalar; ASCII, the basic Arabic block (but for the four high-hamza letters
    /// U+0675–U+0678, which NFKC splits into a letter and U+0674) and common punctuation are already in NFKC.
    static func compatibilityForm(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if isCompatibilityStable(scalar.value) { return [scalar] }
        return Array(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
    }

    @inline(__always) static func isCompatibilityStable(_ v: UInt32) -> Bool {
        v < 0xA0 || ((0x0600...0x06FF).contains(v) && !(0x0675...0x0678).contains(v)) || isStablePunctuation(v)
    }

    /// « » and the dashes, quotes and bullets of U+2010–U+2027 (except the dot leaders) map to themselves.
    @inline(__always) static func isStablePunctuation(_ v: UInt32) -> Bool {
        v == 0xAB || v == 0xBB || v == 0xB7 || ((0x2010...0x2022).contains(v) && v != 0x2011 && v != 0x2017)
    }

    /// Format characters, Arabic marks and tatweel are removed for matching.
    public static func isDeleted(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF: return true
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: return true
        default: return false
        }
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x0623, 0x0625, 0x0622, 0x0671: return "\u{0627}" // أ إ آ ٱ → ا
        case 0x0649, 0x06CC: return "\u{064A}" // ى and Persian ی → ي
        case 0x06A9: return "\u{0643}" // Persian ک → ك
        case 0x0624, 0x0626: return "\u{0621}" // ؤ ئ → ء: writers seat the hamza both ways (مسؤول, مسئول)
        case 0x0629: return "\u{0647}" // ة → ه
        case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 0x30)!
        case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)!
        default: return scalar
        }
    }
}

/// `ArabicNormalizer.normalizedWords` for a caller that reads many texts one after another (the
/// search index reads every text of the site): the words of the last text read, in arrays kept
/// from one text to the next rather than made for each.
public struct NormalizedWords: Sendable {
    /// The words' scalars; word `w` is `scalars[ends[w - 1]..<ends[w]]` (from 0 for the first).
    /// Past the last end the array holds what earlier texts left.
    public private(set) var scalars: [UInt32] = []
    public private(set) var ends: [Int] = []

    public init() {}

    public mutating func read(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        ends.removeAll(keepingCapacity: true)
        if scalars.count < bytes.count { scalars = [UInt32](repeating: 0, count: max(bytes.count, 2 * scalars.count)) }
        let done = scalars.withUnsafeMutableBufferPointer { out in
            ArabicNormalizer.lowWords(utf8: bytes, into: out, ends: &ends) != nil
        }
        if !done { (scalars, ends) = ArabicNormalizer.anyNormalizedWords(utf8: bytes) }
    }
}
