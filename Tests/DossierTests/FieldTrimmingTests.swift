import Foundation
import Testing
import Yams
@testable import DossierCore
@testable import DossierLoading

@Suite struct FieldTrimmingTests {
    @Test func trimsLikeFoundationWhitespaceAndNewlines() {
        for text in ["روسيا", " روسيا", "روسيا\n", "\t a b \u{00A0}", "\u{2028}x\u{3000}", "", "  ", "x\u{200F}", "\u{0085}y"] {
            #expect(FieldReader.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "«\(text)»")
        }
    }
}
