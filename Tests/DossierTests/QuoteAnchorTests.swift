import ArabicText
import Foundation
import Testing
@testable import DossierCore
@testable import DossierLinking

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

    @Test func countsOnlyWholeWordOccurrences() {
        // "قال" stands once as a word; the "قال" inside "وقال" does not count.
        guard case .found(let location) = anchor.locate("قال") else { Issue.record("not found: \(anchor.locate("قال"))"); return }
        #expect(location == .init(block: 2, range: 0..<3))
        // As a word twice: ambiguous, however often it is inside other words.
        let twice = QuoteAnchor(texts: ["قال زيد ثم قال عمرو وقال بكر"])
        #expect(twice.locate("قال") == .ambiguous(count: 2))
        // Only inside words: widened to the one word that holds it.
        let inside = QuoteAnchor(texts: ["زار لروسيا وفد"])
        #expect(inside.locate("روسيا") == .found(.init(block: 0, range: 4..<10)))
    }

    @Test func theHintNamesWhereAQuoteDiffersFromTheClosestPassage() {
        let hint = QuoteDifference.hint(quote: "وقّعت روسيا  وكوريا", closest: "وقّعت روسيا وكوريا")
        #expect(hint.contains("the quote has « » (U+0020 SPACE) where the article has nothing"), "\(hint)")
        let marks = QuoteDifference.hint(quote: "قال \"نعم\"", closest: "قال «نعم»")
        #expect(marks.contains("the quote has «\"» (U+0022 QUOTATION MARK) where the article has «»» (U+00AB LEFT-POINTING DOUBLE ANGLE QUOTATION MARK)")
                || marks.contains("U+0022 QUOTATION MARK") && marks.contains("U+00AB"), "\(marks)")
        let invisible = QuoteDifference.hint(quote: "روسيا\u{200F} وكوريا", closest: "روسيا وكوريا")
        #expect(invisible.contains("\\u{200F}") && invisible.contains("RIGHT-TO-LEFT MARK"), "\(invisible)")
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
