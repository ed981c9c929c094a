import Testing
@testable import DossierCore

/// Finding an annotation's quote in the paragraphs of its article.
@Suite struct QuoteAnchorTests {
    let anchor = QuoteAnchor(texts: [
        "وقّعت روسيا وكوريا الشمالية معاهدة الشراكة الاستراتيجية الشاملة.",
        nil,
        "قال بوتين إن المعاهدة دفاعية، وقال كيم إنها تحالف.",
        "The treaty was signed in Pyongyang on 19 June 2024.",
    ])

    @Test func findsAnExactQuoteAsScalarOffsets() {
        guard case .found(let location) = anchor.locate("معاهدة الشراكة") else { Issue.record("not found"); return }
        #expect(location.block == 0)
        let scalars = Array("وقّعت روسيا وكوريا الشمالية معاهدة الشراكة الاستراتيجية الشاملة.".unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[location.range])) == "معاهدة الشراكة")
    }

    @Test func widensAQuoteToWholeWords() {
        guard case .found(let location) = anchor.locate("reaty was sig") else { Issue.record("not found"); return }
        #expect(location == .init(block: 3, range: 4..<21)) // "treaty was signed"
    }

    @Test func reportsAQuoteThatOccursTwice() {
        // "قال" and the "قال" inside "وقال".
        #expect(anchor.locate("قال") == .ambiguous(count: 2))
    }

    @Test func findsAQuoteWithoutItsMarksOrAlefForms() {
        // The article has "وقّعت" with a shadda; the quote has none, and the hamza form differs.
        guard case .found(let location) = anchor.locate("وقعت روسيا") else { Issue.record("not found"); return }
        #expect(location == .init(block: 0, range: 0..<11))
    }

    @Test func suggestsTheClosestPassageForAQuoteNotFound() {
        guard case .notFound(let closest) = anchor.locate("معاهدة الشراكة الشاملة") else { Issue.record("found"); return }
        #expect(closest?.contains("معاهدة الشراكة") == true)
    }

    @Test func byteSearchAgreesWithScalarSearch() {
        let haystack = "ab كوريا كوريا ك كوريا x كوري"
        for needle in ["كوريا", "ك", "ري", "a", "كوري", "x كوري", "زز", ""] {
            let expected = QuoteAnchor.occurrences(of: Array(needle.unicodeScalars), in: Array(haystack.unicodeScalars))
            #expect(QuoteAnchor.occurrences(of: needle, in: haystack) == expected, "\(needle)")
        }
        #expect(QuoteAnchor.occurrences(of: "aa", in: "aaaaa") == [0, 2])
        #expect(QuoteAnchor.occurrences(of: "long needle", in: "short") == [])
    }
}
