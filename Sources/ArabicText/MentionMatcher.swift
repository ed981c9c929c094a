/// Finds mentions of names in running Arabic text: the first word of a name may carry proclitics,
/// later words match exactly; longest name first at each word; a word belongs to at most one mention.
public struct MentionMatcher<Target: Hashable & Sendable>: Sendable {
    /// One name of a target, as words.
    struct Phrase: Sendable {
        let target: Target
        let rest: [String]
        let length: Int
        let phrase: String
    }

    /// A mention found in a text: the normalised range it covers and what it names.
    public struct Match: Sendable, Hashable {
        public let target: Target
        /// The range in the normalised text, from the first scalar of the first word to the end of the last.
        public let range: Range<Int>
        /// The name as listed (which alias matched).
        public let phrase: String
    }

    private var index: [String: [Phrase]] = [:]

    public init() {}

    /// Adds a name; its words are normalised here.
    public mutating func add(_ phrase: String, for target: Target) {
        let words = Tokenizer.words(of: phrase)
        guard let first = words.first else { return }
        let entry = Phrase(target: target, rest: Array(words.dropFirst()), length: words.count, phrase: phrase)
        for variant in Proclitics.variants(of: first) {
            index[variant, default: []].append(entry)
        }
    }

    /// Sorts candidates longest first once all names are added; ties by the order they were added.
    public mutating func finalize() {
        for key in index.keys {
            index[key] = index[key]!.enumerated().sorted { a, b in
                a.element.length != b.element.length ? a.element.length > b.element.length : a.offset < b.offset
            }.map(\.element)
        }
    }

    /// Every mention in `text`, left to right.
    public func matches(in text: NormalizedText) -> [Match] {
        let tokens = Tokenizer.tokens(of: text)
        var result: [Match] = []
        var i = 0
        while i < tokens.count {
            var matched = false
            if let candidates = index[tokens[i].text] {
                for phrase in candidates where i + phrase.length <= tokens.count {
                    var ok = true
                    for (k, word) in phrase.rest.enumerated() {
                        let token = tokens[i + 1 + k]
                        let previous = tokens[i + k]
                        // Words of one name are separated by spaces only, never by punctuation.
                        let gap = text.scalars[previous.range.upperBound..<token.range.lowerBound]
                        if token.text != word || !gap.allSatisfy({ $0.properties.isWhitespace }) {
                            ok = false
                            break
                        }
                    }
                    if ok {
                        let end = tokens[i + phrase.length - 1].range.upperBound
                        result.append(Match(target: phrase.target, range: tokens[i].range.lowerBound..<end, phrase: phrase.phrase))
                        i += phrase.length
                        matched = true
                        break
                    }
                }
            }
            if !matched { i += 1 }
        }
        return result
    }
}
