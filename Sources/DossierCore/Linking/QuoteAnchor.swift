import ArabicText
import Foundation
import DossierMarkdown

/// Finds an annotation's quote in an article's blocks (W3C TextQuoteSelector): exact match first,
/// then on normalised text through the offset map; widened to whole words.
struct QuoteAnchor: Sendable {
    /// Where the quote lies: the block and the scalar range in that block's plain text.
    struct Location: Equatable, Sendable {
        let block: Int
        let range: Range<Int>
    }

    enum Outcome: Equatable, Sendable {
        case found(Location)
        case notFound(closest: String?)
        case ambiguous(count: Int)
    }

    /// Plain text of each anchorable block (paragraphs, and list items and quotes inside them), nil for headings.
    let texts: [String?]

    init(texts: [String?]) {
        self.texts = texts.map { text in
            var text = text
            text?.makeContiguousUTF8()
            return text
        }
    }

    func locate(_ quote: String) -> Outcome {
        var exact: [Location] = []
        var needle = quote
        needle.makeContiguousUTF8()
        let quoteLength = ScalarText.scalarCount(needle)
        for (i, text) in texts.enumerated() {
            guard let text else { continue }
            for start in Self.occurrences(of: needle, in: text) {
                exact.append(Location(block: i, range: start..<(start + quoteLength)))
            }
        }
        if exact.count == 1 { return .found(widened(exact[0])) }
        if exact.count > 1 { return .ambiguous(count: exact.count) }

        let normalizedQuote = ArabicNormalizer.normalize(quote).scalars
        var loose: [Location] = []
        if !normalizedQuote.isEmpty {
            for (i, text) in texts.enumerated() {
                guard let text else { continue }
                let normalized = ArabicNormalizer.normalize(text)
                for start in Self.occurrences(of: normalizedQuote, in: normalized.scalars) {
                    loose.append(Location(block: i, range: normalized.originalRange(of: start..<(start + normalizedQuote.count))))
                }
            }
        }
        if loose.count == 1 { return .found(widened(loose[0])) }
        if loose.count > 1 { return .ambiguous(count: loose.count) }
        return .notFound(closest: closestPassage(to: quote))
    }

    /// Where `needle` occurs in `haystack`, without overlaps, as scalar offsets.
    ///
    /// Compares UTF-8 bytes: in valid UTF-8 a match of whole encoded scalars can only start on a
    /// scalar boundary, so byte matches are exactly the scalar matches. Candidates are found with
    /// `memchr` on the needle's first continuation byte (the second byte of an Arabic letter varies
    /// far more than the first, which is nearly always D8 or D9), then confirmed with `memcmp`.
    static func occurrences(of needle: String, in haystack: String) -> [Int] {
        var needle = needle, haystack = haystack
        return needle.withUTF8 { n -> [Int] in
            haystack.withUTF8 { h -> [Int] in
                guard n.count > 0, n.count <= h.count, let nBase = n.baseAddress, let hBase = h.baseAddress else { return [] }
                let pivot = n.prefix(4).firstIndex { $0 & 0xC0 == 0x80 } ?? 0
                let pivotByte = Int32(n[pivot])
                var result: [Int] = []
                var start = 0, scalarsBefore = 0, counted = 0
                let lastStart = h.count - n.count
                while start <= lastStart {
                    guard let hit = memchr(hBase + start + pivot, pivotByte, lastStart - start + 1) else { break }
                    let at = hBase.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - pivot
                    guard memcmp(hBase + at, nBase, n.count) == 0 else { start = at + 1; continue }
                    for byte in h[counted..<at] where byte & 0xC0 != 0x80 { scalarsBefore += 1 }
                    counted = at
                    result.append(scalarsBefore)
                    start = at + n.count
                }
                return result
            }
        }
    }

    static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var result: [Int] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) {
                result.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// Extends a range to the start and end of the words it touches, so a highlight never splits a word.
    func widened(_ location: Location) -> Location {
        guard let text = texts[location.block] else { return location }
        let scalars = ScalarText(text).scalars
        var start = location.range.lowerBound, end = location.range.upperBound
        while start > 0, Tokenizer.isWordScalar(scalars[start - 1]) || ArabicNormalizer.isDeleted(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Tokenizer.isWordScalar(scalars[end]) || ArabicNormalizer.isDeleted(scalars[end]) { end += 1 }
        return Location(block: location.block, range: start..<end)
    }

    /// The passage sharing the most words with the quote, for the hint of a quote not found.
    func closestPassage(to quote: String) -> String? {
        let quoteWords = Tokenizer.words(of: quote)
        guard !quoteWords.isEmpty else { return nil }
        let wanted = Set(quoteWords)
        var best: (score: Int, text: String)?
        for text in texts.compactMap({ $0 }) {
            let normalized = ArabicNormalizer.normalize(text)
            let tokens = Tokenizer.tokens(of: normalized)
            guard !tokens.isEmpty else { continue }
            let width = min(quoteWords.count, tokens.count)
            for start in 0...(tokens.count - width) {
                let window = tokens[start..<(start + width)]
                // Shared words count most; a window that starts where the quote starts wins a tie.
                let score = window.filter { wanted.contains($0.text) }.count * 2 + (window.first!.text == quoteWords[0] ? 1 : 0)
                if best == nil || score > best!.score {
                    let range = normalized.originalRange(of: window.first!.range.lowerBound..<window.last!.range.upperBound)
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: normalized.original[range])
                    best = (score, String(view))
                }
            }
        }
        guard let best, best.score > 0 else { return nil }
        return best.text
    }
}
