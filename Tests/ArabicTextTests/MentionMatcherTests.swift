import Foundation
import Testing
@testable import ArabicText

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
