import DossierModel

/// Where a quote and the closest passage of its article part, for the hint of a quote not found:
/// the differing characters named, invisible ones escaped, so an editor can see a Persian ی, a
/// doubled space or another quotation mark.
package enum QuoteDifference {
    /// The hint of a quote not found, given the closest passage if there is one.
    package static func hint(quote: String, closest: String?) -> String {
        guard let closest else { return "copy the words exactly from one paragraph of the article" }
        var hint = "the closest passage is «\(visible(closest.unicodeScalars))»"
        if let difference = describe(quote: quote, passage: closest) { hint += "; " + difference }
        return hint
    }

    /// Nil when the two are the same.
    static func describe(quote: String, passage: String) -> String? {
        let q = Array(quote.unicodeScalars), p = Array(passage.unicodeScalars)
        var start = 0
        while start < q.count, start < p.count, q[start] == p[start] { start += 1 }
        var end = 0
        while end < q.count - start, end < p.count - start, q[q.count - 1 - end] == p[p.count - 1 - end] { end += 1 }
        let inQuote = q[start..<(q.count - end)], inPassage = p[start..<(p.count - end)]
        guard !inQuote.isEmpty || !inPassage.isEmpty else { return nil }
        let where_ = start == 0 ? "at the start" : "after «\(visible(p[max(0, start - 15)..<start]))»"
        // Where both have something, the first two characters that differ say most.
        let shownQuote = inPassage.isEmpty ? inQuote : inQuote.prefix(1), shownPassage = inQuote.isEmpty ? inPassage : inPassage.prefix(1)
        return "they differ \(where_): the quote has \(name(shownQuote)) where the article has \(name(shownPassage))"
    }

    /// A few characters by name and code, more as text.
    static func name(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.isEmpty { return "nothing" }
        if scalars.count > 3 { return "«\(visible(scalars.prefix(24)))\(scalars.count > 24 ? "…" : "")»" }
        return scalars.map { scalar in
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            return "«\(visible([scalar][...]))» (\(code)\(scalar.properties.name.map { " " + $0 } ?? ""))"
        }.joined(separator: ", ")
    }

    static func visible<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return Visible.text(String(view))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
