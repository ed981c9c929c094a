import ArabicText
import Foundation
import DossierMarkdown

/// Finds an annotation's quote in an article's blocks (W3C TextQuoteSelector): exact match first,
/// then on normalised text through the offset map; widened to whole words.
package struct QuoteAnchor: Sendable {
    /// Where the quote lies: the article's block, the paragraph inside it (0 for a paragraph
    /// block; in document order for the paragraphs of a quotation or a list), and the scalar range
    /// in that paragraph's plain text.
    package struct Location: Equatable, Sendable {
        package let block: Int
        package var paragraph: Int = 0
        package let range: Range<Int>
    }

    package enum Outcome: Equatable, Sendable {
        case found(Location)
        case notFound(closest: String?)
        case ambiguous(count: Int)
    }

    /// Plain text of each anchorable paragraph, wherever it stands (a paragraph block, or a
    /// paragraph of a quotation or list item), with its place.
    let texts: [String?]
    let places: [(block: Int, paragraph: Int)]

    /// One text per block, each a paragraph block (nil for a heading).
    init(texts: [String?]) {
        self.init(paragraphs: texts.enumerated().map { (block: $0.offset, paragraph: 0, text: $0.element) })
    }

    init(paragraphs: [(block: Int, paragraph: Int, text: String?)]) {
        texts = paragraphs.map { entry in
            var text = entry.text
            text?.makeContiguousUTF8()
            return text
        }
        places = paragraphs.map { ($0.block, $0.paragraph) }
    }

    private func location(_ entry: Int, _ range: Range<Int>) -> Location {
        Location(block: places[entry].block, paragraph: places[entry].paragraph, range: range)
    }

    private func entry(of location: Location) -> Int? {
        places.firstIndex { $0.block == location.block && $0.paragraph == location.paragraph }
    }

    /// The quote's one occurrence, exact first, then on normalised text. Only occurrences that
    /// are whole words count (the quote «قال» is not in «وقال») unless there are none: then a
    /// quote found inside words is widened to them.
    package func locate(_ quote: String) -> Outcome {
        var exact: [(entry: Int, range: Range<Int>)] = []
        var needle = quote
        needle.makeContiguousUTF8()
        let quoteLength = ScalarText.scalarCount(needle)
        for (i, text) in texts.enumerated() {
            guard let text else { continue }
            for start in Self.occurrences(of: needle, in: text) {
                exact.append((i, start..<(start + quoteLength)))
            }
        }
        if let outcome = decide(exact) { return outcome }

        let normalizedQuote = ArabicNormalizer.normalize(quote).scalars
        var loose: [(entry: Int, range: Range<Int>)] = []
        if !normalizedQuote.isEmpty {
            for (i, text) in texts.enumerated() {
                guard let text else { continue }
                let normalized = ArabicNormalizer.normalize(text)
                for start in Self.occurrences(of: normalizedQuote, in: normalized.scalars) {
                    loose.append((i, normalized.originalRange(of: start..<(start + normalizedQuote.count))))
                }
            }
        }
        if let outcome = decide(loose) { return outcome }
        return .notFound(closest: closestPassage(to: quote))
    }

    /// One occurrence found, several, or none (nil), counting whole-word occurrences when there are any.
    private func decide(_ found: [(entry: Int, range: Range<Int>)]) -> Outcome? {
        let whole = found.filter { isWholeWords($0.entry, $0.range) }
        let counted = whole.isEmpty ? found : whole
        if counted.count == 1 { return .found(widened(location(counted[0].entry, counted[0].range))) }
        if counted.count > 1 { return .ambiguous(count: counted.count) }
        return nil
    }

    /// Whether `range` of an entry's text starts and ends at word edges.
    private func isWholeWords(_ entry: Int, _ range: Range<Int>) -> Bool {
        guard let text = texts[entry] else { return false }
        let scalars = ScalarText(text).scalars
        func inWord(_ i: Int) -> Bool { Tokenizer.isWordScalar(scalars[i]) || ArabicNormalizer.isDeleted(scalars[i]) }
        return (range.lowerBound == 0 || !inWord(range.lowerBound - 1)) && (range.upperBound >= scalars.count || !inWord(range.upperBound))
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
        guard let entry = entry(of: location), let text = texts[entry] else { return location }
        let scalars = ScalarText(text).scalars
        var start = location.range.lowerBound, end = location.range.upperBound
        while start > 0, Tokenizer.isWordScalar(scalars[start - 1]) || ArabicNormalizer.isDeleted(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Tokenizer.isWordScalar(scalars[end]) || ArabicNormalizer.isDeleted(scalars[end]) { end += 1 }
        return Location(block: location.block, paragraph: location.paragraph, range: start..<end)
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
