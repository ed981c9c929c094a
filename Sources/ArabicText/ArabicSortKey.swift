/// Sort keys and index letters for Arabic names, following the notes: ignore a leading ال
/// (when at least two letters remain), order by the Arabic alphabet, break ties by the full name.
public enum ArabicSortKey {
    /// The alphabet's order, with hamza first; letters are compared after normalisation.
    public static let alphabet: [Unicode.Scalar] = Array("ءابتثجحخدذرزسشصضطظعغفقكلمنهوي".unicodeScalars)
    static let rank: [Unicode.Scalar: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// The name normalised for ordering. As in CLDR's Arabic collation (where ؤ is و with a
    /// hamza and ئ is ي with one), ؤ orders as و and ئ as ي; matching folds them to ء instead.
    public static func collationKey(_ name: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{0624}": view.append("\u{0648}")
            case "\u{0626}": view.append("\u{064A}")
            default: view.append(scalar)
            }
        }
        return ArabicNormalizer.key(String(view))
    }

    /// The name without a leading ال, normalised for ordering.
    public static func base(of name: String) -> String {
        let key = collationKey(name)
        if key.hasPrefix("ال") && key.count >= 4 { return String(key.dropFirst(2)) }
        return key
    }

    /// A comparable key: each scalar mapped to its alphabet rank (Arabic before everything else).
    public static func weights(of text: String) -> [UInt32] {
        text.unicodeScalars.compactMap { s in
            if let r = rank[s] { return UInt32(r) }
            if Tokenizer.isWordScalar(s) { return 1000 + s.value }
            return nil // spaces and punctuation do not order names
        }
    }

    /// Everything a name is ordered by, computed once: for sorting many names, compare these.
    public struct Key: Comparable, Sendable {
        let primary: [UInt32]
        let full: [UInt32]
        let name: String

        public static func < (a: Key, b: Key) -> Bool {
            if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
            if a.full != b.full { return a.full.lexicographicallyPrecedes(b.full) }
            return a.name < b.name
        }

        public static func == (a: Key, b: Key) -> Bool {
            a.primary == b.primary && a.full == b.full && a.name == b.name
        }
    }

    /// The key of `name`; `sortKey` overrides the derived primary key when an editor sets one.
    public static func key(of name: String, sortKey: String? = nil) -> Key {
        Key(primary: weights(of: sortKey.map(collationKey) ?? base(of: name)),
            full: weights(of: collationKey(name)), name: name)
    }

    /// Whether `a` sorts before `b`; `sortKeyA/B` override the derived key when an editor sets one.
    public static func precedes(_ a: String, _ b: String, sortKeyA: String? = nil, sortKeyB: String? = nil) -> Bool {
        key(of: a, sortKey: sortKeyA) < key(of: b, sortKey: sortKeyB)
    }

    /// The letter a name is filed under in an index (ء files under ا).
    public static func indexLetter(of name: String, sortKey: String? = nil) -> String {
        let key = sortKey.map(collationKey) ?? base(of: name)
        guard let first = key.unicodeScalars.first(where: Tokenizer.isWordScalar) else { return "#" }
        if first == "ء" { return "ا" }
        return String(first).uppercased()
    }
}
