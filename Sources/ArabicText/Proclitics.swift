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
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, (0x0600...0x06FF).contains(first.value) else { return [] }
        var result: [String] = []
        // Every prefix of up to two letters that is a conjunction and a preposition (either optional).
        for conjunction in conjunctions {
            for preposition in prepositions where !(conjunction.isEmpty && preposition.isEmpty) {
                let prefix = Array((conjunction + preposition).unicodeScalars)
                guard scalars.count > prefix.count, scalars.starts(with: prefix) else { continue }
                var candidates = [String(String.UnicodeScalarView(scalars[prefix.count...]))]
                // ل before ال is written لل: the rest may be a word with its ال.
                if preposition == "ل", scalars[prefix.count] == "\u{0644}" {
                    candidates.append("\u{0627}" + String(String.UnicodeScalarView(scalars[prefix.count...])))
                }
                for stem in candidates where stem.unicodeScalars.count >= minimumStemLength && !result.contains(stem) {
                    if variants(of: stem).contains(word) { result.append(stem) }
                }
            }
        }
        return result
    }
}
