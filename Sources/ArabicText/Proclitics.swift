/// The forms a word takes with Arabic proclitics attached, per the notes' rules:
/// an optional conjunction (و or ف), then an optional preposition (ب, ك, ل); ل before ال gives لل.
public enum Proclitics {
    public static let conjunctions = ["", "و", "ف"]
    public static let prepositions = ["", "ب", "ك", "ل"]

    /// Every form of `word` (normalised) with its allowed proclitics, the bare word first.
    public static func variants(of word: String) -> [String] {
        guard word.unicodeScalars.first.map({ (0x0600...0x06FF).contains($0.value) }) == true else { return [word] }
        let hasArticle = word.hasPrefix("ال") && word.count > 2
        var result: [String] = []
        for conjunction in conjunctions {
            for preposition in prepositions {
                if hasArticle && preposition == "ل" {
                    result.append(conjunction + "ل" + word.dropFirst())
                } else {
                    result.append(conjunction + preposition + word)
                }
            }
        }
        return result
    }
}

extension Proclitics {
    /// The shortest word a stem may be once its proclitics are taken off: names shorter than three
    /// letters are refused for linking, and shorter stems would mostly be the first letters of
    /// other words.
    public static let minimumStemLength = 3

    /// The words `word` (normalised) may be with its proclitics taken off: each `w` of at least
    /// `minimumStemLength` letters such that `variants(of: w)` holds `word`. «لروسيا» gives روسيا,
    /// «للصين» gives الصين (and لصين), «وبالصين» gives بالصين and الصين; a word without a
    /// proclitic gives nothing. Search indexes and looks up words under these stems, so a query
    /// finds the forms that linking would link.
    public static func stems(of word: String) -> [String] {
        stems(of: Array(word.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
    }

    /// `stems(of:)` over scalars, for callers that hold words as scalars (the search index).
    public static func stems(of scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        guard let first = scalars.first, isArabic(first) else { return [] }
        var result: [[Unicode.Scalar]] = []
        for prefix in stemPrefixes {
            guard scalars.count > prefix.scalars.count, scalars.starts(with: prefix.scalars) else { continue }
            let rest = scalars[prefix.scalars.count...]
            // `word` is conjunction + preposition + rest: rest is a stem when that is the variant
            // its proclitics make, that is unless ل meets an ال (then the variant is لل, not لال).
            // No other pair of proclitics spells the same word (see ProcliticTests).
            if rest.count >= minimumStemLength, isArabic(rest[rest.startIndex]) {
                let stem = Array(rest)
                if !(prefix.lam && hasArticle(stem)), !result.contains(stem) { result.append(stem) }
            }
            // ل before ال is written لل: the rest may be a word with its ال (ال + the rest after ل).
            if prefix.lam, rest.first == "\u{0644}", rest.count + 1 >= minimumStemLength {
                let stem = ["\u{0627}"] + rest
                if hasArticle(stem), !result.contains(stem) { result.append(stem) }
            }
        }
        return result
    }

    /// Every conjunction and preposition written together (either optional, not both), in the
    /// order `variants` makes them, and whether the preposition is ل.
    static let stemPrefixes: [(scalars: [Unicode.Scalar], lam: Bool)] = conjunctions.flatMap { conjunction in
        prepositions.filter { !(conjunction.isEmpty && $0.isEmpty) }.map { (Array((conjunction + $0).unicodeScalars), $0 == "ل") }
    }

    static func isArabic(_ scalar: Unicode.Scalar) -> Bool { (0x0600...0x06FF).contains(scalar.value) }

    /// As `variants` decides it: ال and at least one letter more.
    static func hasArticle(_ word: [Unicode.Scalar]) -> Bool {
        word.starts(with: ["\u{0627}", "\u{0644}"]) && String(String.UnicodeScalarView(word)).count > 2
    }
}
