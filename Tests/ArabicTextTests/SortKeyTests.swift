import Foundation
import Testing
@testable import ArabicText

@Suite struct SortKeyTests {
    @Test func ignoresALeadingArticle() {
        #expect(ArabicSortKey.base(of: "الصين") == "صين")
        #expect(ArabicSortKey.indexLetter(of: "الصين") == "ص")
        #expect(ArabicSortKey.indexLetter(of: "أوكرانيا") == "ا")
    }

    @Test func ordersHamzaOnWawAndYehAsCLDRDoes() {
        // ؤ orders as و and ئ as ي (CLDR: the letter with a hamza), not after ي.
        let names = ["يد", "ؤيد", "وزير", "ئيل", "يوم"]
        #expect(names.sorted { ArabicSortKey.precedes($0, $1) } == ["وزير", "ؤيد", "يد", "يوم", "ئيل"])
        #expect(ArabicSortKey.indexLetter(of: "ؤيد") == "و")
        #expect(ArabicSortKey.indexLetter(of: "ئيل") == "ي")
    }

    @Test func ordersByTheArabicAlphabet() {
        let names = ["اليابان", "روسيا", "الصين", "بريطانيا", "أوكرانيا", "كوريا الشمالية", "الولايات المتحدة"]
        let sorted = names.sorted { ArabicSortKey.precedes($0, $1) }
        #expect(sorted == ["أوكرانيا", "بريطانيا", "روسيا", "الصين", "كوريا الشمالية", "الولايات المتحدة", "اليابان"])
    }

    @Test func anEditorsSortKeyWins() {
        #expect(ArabicSortKey.precedes("زيد", "باء", sortKeyA: "ا", sortKeyB: nil))
    }
}
