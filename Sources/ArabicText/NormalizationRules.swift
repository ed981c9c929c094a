/// The normalisation and tokenising rules as data, for the other implementation that must agree
/// with this one: the search page's script normalises what a reader types the way the index was
/// made. The build writes these tables into the search index instead of anyone copying the rules
/// by hand, so the two cannot drift apart; only NFKC itself comes from the browser
/// (`String.prototype.normalize`), applied scalar by scalar as `ArabicNormalizer` does.
public enum NormalizationRules {
    /// The tables cover the Basic Multilingual Plane: no scalar above it is deleted or folded
    /// (`NormalizationTests` checks every one), and the script treats those as the rules do.
    public static let limit: UInt32 = 0xFFFF

    /// Scalars deleted before matching (format characters, marks, tatweel), as ranges.
    public static let deleted: [ClosedRange<UInt32>] = ranges(upTo: limit) { v in
        Unicode.Scalar(v).map(ArabicNormalizer.isDeleted) ?? false
    }

    /// Every scalar the fold changes (alef forms, ى, ة, Persian letters, digits, Latin capitals) and what it becomes.
    public static let folds: [(from: UInt32, to: UInt32)] = (0...limit).compactMap { v in
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let folded = ArabicNormalizer.fold(scalar).value
        return folded == v ? nil : (v, folded)
    }

    /// Scalars of the Basic Multilingual Plane that are their own NFKC form without asking
    /// Foundation (`ArabicNormalizer.isCompatibilityStable`); every other scalar goes through NFKC.
    public static let compatibilityStable: [ClosedRange<UInt32>] = ranges(upTo: limit, ArabicNormalizer.isCompatibilityStable)

    /// Scalars of the Basic Multilingual Plane that make words (`Tokenizer.isWordScalar`); above it,
    /// letters and numbers (Unicode's Alphabetic property or a numeric type) do.
    public static let wordScalars: [ClosedRange<UInt32>] = ranges(upTo: limit) { v in
        Unicode.Scalar(v).map(Tokenizer.isWordScalar) ?? false
    }

    /// The runs of `0...limit` where `predicate` holds.
    static func ranges(upTo limit: UInt32, _ predicate: (UInt32) -> Bool) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var start: UInt32?
        for v in 0...limit {
            if predicate(v) {
                if start == nil { start = v }
            } else if let s = start {
                result.append(s...(v - 1))
                start = nil
            }
        }
        if let s = start { result.append(s...limit) }
        return result
    }
}
