import Foundation
import Testing
@testable import ArabicText

@Suite struct ProcliticTests {
    @Test func articleTakesLamLamNeverLamAlefLam() {
        let forms = Set(Proclitics.variants(of: "الصين"))
        #expect(forms.isSuperset(of: ["الصين", "للصين", "والصين", "بالصين", "كالصين", "وللصين", "فالصين"]))
        #expect(!forms.contains("لالصين"))
    }

    @Test func plainWordTakesPlainPrefixes() {
        let forms = Set(Proclitics.variants(of: "روسيا"))
        #expect(forms.isSuperset(of: ["روسيا", "لروسيا", "وروسيا", "وبروسيا", "فروسيا"]))
        #expect(!forms.contains("بوروسيا"), "the conjunction comes before the preposition, never after")
    }
}
