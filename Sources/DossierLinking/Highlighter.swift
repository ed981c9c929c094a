import ArabicText
import DossierMarkdown
import DossierModel

/// Wraps a range of a block's plain text in `<mark>`, split at element boundaries, followed by the
/// numbered marker that links to the note.
enum Highlighter {
    static func highlight(_ inlines: [Inline], range: Range<Int>, annotationID: String, number: Int) -> [Inline] {
        var offset = 0
        var first = true
        var result = wrap(inlines, range: range, id: annotationID, offset: &offset, first: &first)
        let marker = Inline.custom(
            enter: "<sup class=\"note-ref\" id=\"\(SiteLayout.noteReferenceAnchor(annotationID))\"><a href=\"#\(SiteLayout.noteAnchor(annotationID))\" aria-describedby=\"\(SiteLayout.noteAnchor(annotationID))\">\(number)</a></sup>",
            exit: "", [])
        result = insertMarker(marker, into: result, at: range.upperBound)
        return result
    }

    /// A quote's highlight after its first piece, which alone carries the id.
    static let continuationMark = "<mark class=\"quote\">"

    /// The mark that goes on with a highlight cut in two (by a link around a name), or nil when
    /// `enter` is not a highlight's.
    static func continuation(of enter: String) -> String? {
        enter.hasPrefix("<mark class=\"quote\"") ? continuationMark : nil
    }

    private static func wrap(_ inlines: [Inline], range: Range<Int>, id: String, offset: inout Int, first: inout Bool) -> [Inline] {
        var result: [Inline] = []
        for inline in inlines {
            switch inline {
            case .text(let text, let position):
                let count = ScalarText.scalarCount(text)
                let start = offset, end = offset + count
                offset = end
                let lo = max(start, range.lowerBound), hi = min(end, range.upperBound)
                guard lo < hi else { result.append(inline); continue }
                let source = ScalarText(text)
                func piece(_ r: Range<Int>) -> String { source.slice((r.lowerBound - start)..<(r.upperBound - start)) }
                if start < lo { result.append(.text(piece(start..<lo), position)) }
                let enter = first ? "<mark class=\"quote\" id=\"\(SiteLayout.quoteAnchor(id))\">" : continuationMark
                first = false
                result.append(.custom(enter: enter, exit: "</mark>", [.text(piece(lo..<hi), position)]))
                if hi < end { result.append(.text(piece(hi..<end), position)) }
            case .emphasis(let c): result.append(.emphasis(wrap(c, range: range, id: id, offset: &offset, first: &first)))
            case .strong(let c): result.append(.strong(wrap(c, range: range, id: id, offset: &offset, first: &first)))
            case .link(let d, let t, let c): result.append(.link(destination: d, title: t, wrap(c, range: range, id: id, offset: &offset, first: &first)))
            case .custom(let a, let b, let c): result.append(.custom(enter: a, exit: b, wrap(c, range: range, id: id, offset: &offset, first: &first)))
            default:
                offset += ScalarText.scalarCount(inline.plainText)
                result.append(inline)
            }
        }
        return result
    }

    /// Puts the marker right after plain-text offset `position` at the top level of the block.
    private static func insertMarker(_ marker: Inline, into inlines: [Inline], at position: Int) -> [Inline] {
        var offset = 0
        for (i, inline) in inlines.enumerated() {
            offset += ScalarText.scalarCount(inline.plainText)
            if offset >= position { 
                var result = inlines
                result.insert(marker, at: i + 1)
                return result
            }
        }
        return inlines + [marker]
    }
}
