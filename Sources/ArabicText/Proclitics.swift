/// The forms a word takes with Arabic proclitics attached, per the notes' rules:
/// an optional conjunction (و or ف), then an optional preposition (ب, ك, ل); ل before ال gives لل.
public enum Proclitics {
    static let conjunctions = ["", "و", "ف"]
    static let prepositions = ["", "ب", "ك", "ل"]

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
