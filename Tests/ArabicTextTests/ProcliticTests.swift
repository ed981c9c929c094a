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

    /// Search takes proclitics off the words it indexes and looks up, the reverse of `variants`.
    @Test func stemsUndoTheVariants() {
        #expect(Proclitics.stems(of: "لروسيا") == ["روسيا"])
        #expect(Set(Proclitics.stems(of: "للصين")) == ["لصين", "الصين"])
        #expect(Set(Proclitics.stems(of: "وبالصين")) == ["بالصين", "الصين"])
        #expect(Proclitics.stems(of: "وروسيا") == ["روسيا"])
        #expect(Proclitics.stems(of: "روسيا").isEmpty)
        #expect(Proclitics.stems(of: "ولد").isEmpty, "a stem needs three letters")
        #expect(Proclitics.stems(of: "veto").isEmpty)
        for word in ["روسيا", "الصين", "كوريا"] {
            for form in Proclitics.variants(of: word) where form != word {
                #expect(Proclitics.stems(of: form).contains(word), "\(form) → \(word)")
            }
        }
    }
}
