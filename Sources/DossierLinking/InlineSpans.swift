import ArabicText
import DossierMarkdown

/// Ranges of a block's plain text (`[Inline].plainText`, counted in scalars) over its inline tree.
package enum InlineSpans {
    /// Stands for every scalar of what is never read for mentions (links, images, code, raw HTML,
    /// `[[!words]]`): neither a letter nor a space, so no name runs across it. In the normaliser's
    /// in-place set, so a text holding one is normalised as fast as one without.
    static let barrier: Unicode.Scalar = "\u{2022}"

    /// The block's plain text with what is never read replaced by `barrier`, scalar for scalar.
    package static func matchableText(_ inlines: [Inline]) -> String {
        var view = String.UnicodeScalarView()
        append(inlines, to: &view)
        return String(view)
    }

    private static func append(_ inlines: [Inline], to view: inout String.UnicodeScalarView) {
        for inline in inlines {
            switch inline {
            case .text(let text, _): view.append(contentsOf: text.unicodeScalars)
            case .softBreak, .lineBreak: view.append(contentsOf: inline.plainText.unicodeScalars)
            case .emphasis(let c), .strong(let c): append(c, to: &view)
            case .custom(let a, let b, let c) where !(a.isEmpty && b.isEmpty): append(c, to: &view)
            default: view.append(contentsOf: repeatElement(barrier, count: length(inline)))
            }
        }
    }

    package static func length(_ inline: Inline) -> Int { ScalarText.scalarCount(inline.plainText) }

    /// `inlines` with the plain-text range `range` made into `link`'s children. A range inside one
    /// text splits it; one that runs over several nodes (a line break, the edge of bold text) is
    /// wrapped whole, bold text and highlights split at the range's edges where needed. A note
    /// marker inside the range moves to just after it, since links do not nest. Markup that cannot
    /// be split makes the name linked piece by piece, each piece its words.
    static func link(_ inlines: [Inline], _ range: Range<Int>, _ link: ([Inline]) -> Inline) -> [Inline] {
        let lengths = inlines.map(length)
        var starts: [Int] = [], position = 0
        for n in lengths {
            starts.append(position)
            position += n
        }
        guard let f = inlines.indices.first(where: { starts[$0] <= range.lowerBound && range.lowerBound < starts[$0] + lengths[$0] }),
              let l = inlines.indices.last(where: { starts[$0] < range.upperBound && range.upperBound <= starts[$0] + lengths[$0] })
        else { return inlines }
        if f == l {
            let inner = (range.lowerBound - starts[f])..<(range.upperBound - starts[f])
            var result = inlines
            switch inlines[f] {
            case .text(let text, let p):
                let (before, words, after) = ScalarText.split(text, at: inner)
                var pieces: [Inline] = []
                if !before.isEmpty { pieces.append(.text(before, p)) }
                pieces.append(link([.text(words, p)]))
                if !after.isEmpty { pieces.append(.text(after, p)) }
                result.replaceSubrange(f...f, with: pieces)
            case .emphasis(let c): result[f] = .emphasis(Self.link(c, inner, link))
            case .strong(let c): result[f] = .strong(Self.link(c, inner, link))
            case .custom(let a, let b, let c): result[f] = .custom(enter: a, exit: b, Self.link(c, inner, link))
            default: break
            }
            return result
        }
        guard let (firstOut, firstIn) = split(inlines[f], at: range.lowerBound - starts[f]),
              let (lastIn, lastOut) = split(inlines[l], at: range.upperBound - starts[l]) else {
            // Piece by piece, last first so the earlier children keep their places.
            var result = inlines
            for i in (f...l).reversed() where lengths[i] > 0 {
                var lo = max(range.lowerBound, starts[i]) - starts[i], hi = min(range.upperBound, starts[i] + lengths[i]) - starts[i]
                let scalars = Array(inlines[i].plainText.unicodeScalars)
                while lo < hi, !Tokenizer.isWordScalar(scalars[lo]) { lo += 1 }
                while lo < hi, !Tokenizer.isWordScalar(scalars[hi - 1]) { hi -= 1 }
                guard lo < hi else { continue }
                result.replaceSubrange(i...i, with: Self.link([inlines[i]], lo..<hi, link))
            }
            return result
        }
        var inside = [firstIn] + Array(inlines[(f + 1)..<l]) + [lastIn]
        let markers = inside.filter(isMarker)
        inside.removeAll(where: isMarker)
        let before: [Inline] = Array(inlines[..<f]) + (firstOut.map { [$0] } ?? [])
        let after: [Inline] = (lastOut.map { [$0] } ?? []) + Array(inlines[(l + 1)...])
        return before + [link(inside.compactMap { $0 })] + markers.compactMap { $0 } + after
    }

    /// A note marker: the generator's markup with no text of its own.
    private static func isMarker(_ inline: Inline?) -> Bool {
        if case .custom(let a, _, let c)? = inline, !a.isEmpty, c.isEmpty { return true }
        return false
    }

    /// `inline` cut at plain-text offset `k` into what comes before and after (nil for an empty
    /// side); nil when it cannot be cut there (a highlight).
    static func split(_ inline: Inline, at k: Int) -> (Inline?, Inline?)? {
        let n = length(inline)
        if k <= 0 { return (nil, inline) }
        if k >= n { return (inline, nil) }
        switch inline {
        case .text(let text, let p):
            let (before, _, after) = ScalarText.split(text, at: k..<k)
            return (.text(before, p), .text(after, p))
        case .emphasis(let c):
            guard let (a, b) = split(c, at: k) else { return nil }
            return (.emphasis(a), .emphasis(b))
        case .strong(let c):
            guard let (a, b) = split(c, at: k) else { return nil }
            return (.strong(a), .strong(b))
        case .custom(let enter, let exit, let c):
            // A quote's highlight goes on in a second mark without the first one's id.
            guard let next = Highlighter.continuation(of: enter), let (a, b) = split(c, at: k) else { return nil }
            return (.custom(enter: enter, exit: exit, a), .custom(enter: next, exit: exit, b))
        default:
            return nil
        }
    }

    private static func split(_ inlines: [Inline], at k: Int) -> ([Inline], [Inline])? {
        var position = 0
        for (i, inline) in inlines.enumerated() {
            let n = length(inline)
            if position + n > k || (position + n == k) {
                guard let (a, b) = split(inline, at: k - position) else { return nil }
                return (Array(inlines[..<i]) + (a.map { [$0] } ?? []), (b.map { [$0] } ?? []) + Array(inlines[(i + 1)...]))
            }
            position += n
        }
        return (inlines, [])
    }
}
