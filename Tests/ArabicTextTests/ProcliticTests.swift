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

    /// `stems` by its definition: every tail of `word` after a conjunction and preposition (and,
    /// after ل, ا + that tail) of at least three letters whose variants hold `word`.
    static func stemsByDefinition(_ word: String) -> Set<String> {
        let scalars = Array(word.unicodeScalars)
        var result: Set<String> = []
        for cut in 1..<max(1, scalars.count) {
            let tail = String(String.UnicodeScalarView(scalars[cut...]))
            for stem in [tail, "\u{0627}" + tail] where stem.unicodeScalars.count >= Proclitics.minimumStemLength {
                if Proclitics.variants(of: stem).contains(word), stem != word { result.insert(stem) }
            }
        }
        return result
    }

    /// The fast `stems` agrees with the definition on every proclitic form of words of each shape
    /// (with and without ال, starting with ل, short, Latin) and on words that only look prefixed.
    @Test func stemsAgreeWithTheirDefinition() {
        let words = ["روسيا", "الصين", "لبنان", "اللجنة", "الأمم", "كوريا", "فرنسا", "بكين", "ولد", "الي", "لل", "ال", "veto", "و", "ب",
                     "ليبيا", "الليل", "كلمة", "فلسطين", "والي", "بالكاد", "للتو"]
        var forms: Set<String> = []
        for word in words { forms.formUnion(Proclitics.variants(of: word)); forms.insert(word) }
        for extra in ["وبال", "فلل", "كال", "لالصين", "بوروسيا", "ووروسيا"] { forms.insert(extra) }
        for form in forms {
            #expect(Set(Proclitics.stems(of: form)) == Self.stemsByDefinition(form), "\(form)")
        }
    }
}
