import Foundation
import Testing
@testable import ArabicText

@Suite struct NormalizationTests {
    @Test(arguments: [
        ("أوكرانيا", "اوكرانيا"),
        ("إيران", "ايران"),
        ("آسيا", "اسيا"),
        ("ٱلله", "الله"),
        ("مستوى", "مستوي"),
        ("الشمالية", "الشماليه"),
        ("مُحَمَّد", "محمد"),
        ("كـــوريا", "كوريا"),
        ("٢٠٢٤", "2024"),
        ("۱۹۹۴", "1994"),
        ("NATO", "nato"),
        ("روسيا\u{200F}", "روسيا"),
        ("\u{FEFB}", "\u{0644}\u{0627}"), // the lam-alef ligature decomposes under NFKC
        ("کیم", "كيم"), // typed on a Persian keyboard
        ("مسؤول", "مسءول"),
        ("مسئول", "مسءول"),
    ])
    func normalisesForMatching(input: String, expected: String) {
        #expect(ArabicNormalizer.key(input) == expected)
    }

    @Test func offsetMapPointsBackToTheOriginalCharacters() {
        let text = ArabicNormalizer.normalize("قال: مُحَمَّد")
        // "محمد" is normalised scalars 5..<9; the original range must include the marks.
        let range = text.originalRange(of: 5..<9)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.original[range])
        #expect(String(view) == "مُحَمَّد")
    }

    @Test(arguments: ["", "a", "روسيا", "كوريا الشمالية 🇰🇵 e\u{301} ﷲ", "\u{FEFB}x\u{200F}", "٢٠٢٤ NATO — «الناتو»"])
    func scalarsAndOffsetsMatchTheStandardLibrary(text: String) {
        let decoded = ScalarText(text)
        #expect(decoded.scalars == Array(text.unicodeScalars))
        let count = decoded.scalars.count
        for start in 0...count {
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(start)))
            #expect(decoded.slice(start..<count) == expected)
        }
        #expect(ScalarText.scalarCount(text) == text.unicodeScalars.count)
        #expect(ScalarText.scalarCount(text + text) == 2 * text.unicodeScalars.count)
    }

    @Test func aTextNeedingCompatibilityFormsIsNormalisedWhole() {
        // The in-place fast path gives up at the ligature; the result must be the same as scalar by scalar.
        let text = ArabicNormalizer.normalize("أحمد \u{FEFB}مُحَمَّد")
        #expect(text.string == "احمد لامحمد")
        #expect(text.origin.count == text.scalars.count)
        #expect(text.origin[5] == 5 && text.origin[6] == 5) // both scalars of the ligature come from it
    }

    /// Scalars below U+0700 are normalised from a table, the rest by the rules; both must give what
    /// the rules give scalar by scalar: NFKC, deletions, folding. Each scalar is checked inside
    /// Arabic text, around the table's limit, and alone.
    @Test func everyScalarNormalisesAsTheRulesSay() {
        func reference(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                for s in String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars where !ArabicNormalizer.isDeleted(s) {
                    out.append(ArabicNormalizer.fold(s))
                }
            }
            return String(out)
        }
        for value in UInt32(0)..<0x900 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", "روسيا\(scalar)كوريا", "\u{06FF}\(scalar)\u{0700}"] {
                #expect(ArabicNormalizer.key(text) == reference(text), "U+\(String(value, radix: 16))")
            }
            let isWord = !Tokenizer.wordRanges(in: [scalar]).isEmpty
            #expect(isWord == Tokenizer.isWordScalar(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func tokenisesOnArabicAndLatinPunctuation() {
        let words = Tokenizer.words(of: "«الناتو»، (روسيا)؛ هل؟ NATO-led: كييف.")
        #expect(words == ["الناتو", "روسيا", "هل", "nato", "led", "كييف"])
    }
}

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

@Suite struct MentionMatcherTests {
    func matcher() -> MentionMatcher<String> {
        var m = MentionMatcher<String>()
        m.add("روسيا", for: "russia")
        m.add("كوريا الشمالية", for: "north-korea")
        m.add("كوريا الجنوبية", for: "south-korea")
        m.add("بيونغ يانغ", for: "pyongyang")
        m.add("أوكرانيا", for: "ukraine")
        m.add("اليابان", for: "japan")
        m.add("الناتو", for: "nato")
        m.add("الولايات المتحدة", for: "united-states")
        m.add("البرنامج النووي لكوريا الشمالية", for: "nk-nuclear")
        m.add("كيم", for: "kim")
        m.finalize()
        return m
    }

    func targets(_ text: String) -> [String] {
        matcher().matches(in: ArabicNormalizer.normalize(text)).map(\.target)
    }

    @Test(arguments: [
        ("بالنسبة لروسيا", "russia"),
        ("وكوريا الشمالية", "north-korea"),
        ("لكوريا الشمالية", "north-korea"),
        ("وبيونغ يانغ", "pyongyang"),
        ("لأوكرانيا", "ukraine"),
        ("واليابان", "japan"),
        ("«الناتو»", "nato"),
        ("(الناتو)", "nato"),
        ("والولايات المتحدة", "united-states"),
        ("للولايات المتحدة", "united-states"),
        ("وروسيا", "russia"),
        ("بكيم", "kim"),
    ])
    func findsTheMentionsOfTheSeedArticle(text: String, target: String) {
        #expect(targets(text) == [target])
    }

    @Test(arguments: [
        "الروسية",          // an adjective is not the country
        "كوريا",            // half of a two-word name
        "كييف",             // not listed here
        "لالولايات المتحدة", // ل before ال is written لل
        "كيمياء",           // a word that merely begins like a name
        "بوروسيا",          // clitics in the wrong order
        "كوريا، الشمالية",   // punctuation inside a name
    ])
    func leavesNonMentionsAlone(text: String) {
        #expect(targets(text).isEmpty)
    }

    @Test func southKoreaIsNotNorthKorea() {
        #expect(targets("الولايات المتحدة وكوريا الجنوبية") == ["united-states", "south-korea"])
    }

    @Test func longestNameWinsAndATokenBelongsToOneMention() {
        #expect(targets("وفي ما يتصل بالبرنامج النووي لكوريا الشمالية، غالباً") == ["nk-nuclear"])
        #expect(targets("روسيا وكوريا الشمالية وروسيا") == ["russia", "north-korea", "russia"])
    }

    @Test func matchesAcrossSpellingVariants() {
        #expect(targets("اوكرانيا") == ["ukraine"])
        #expect(targets("أُوكْرَانِيَا") == ["ukraine"])
    }
}

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
