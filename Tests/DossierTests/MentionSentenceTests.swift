import ArabicText
import Foundation
import Testing
@testable import DossierCore
@testable import DossierLinking

/// A mention's sentence, cut from the paragraph's bytes, is what cutting Strings and dropping the
/// leading whitespace Characters of "before" gives.
@Suite struct MentionSentenceTests {
    @Test func partsMatchTheStringCuts() {
        let texts = [
            "قال الوزير إن روسيا وقعت. ثم عادت روسيا إلى الحديث",
            "أولاً. \u{00A0} روسيا هنا؟ نعم",
            "نص.\r\nروسيا في سطر جديد",
            "نص. \u{0301}روسيا بعد علامة",
            "نص. \u{200D}روسيا بعد رابط",
            "روسيا في البداية. x",
            "Text. Russia here! done",
            "  روسيا",
        ]
        for string in texts {
            let text = ScalarText(string)
            let word = string.contains("Russia") ? "Russia" : "روسيا"
            var searchFrom = string.startIndex
            while let found = string.range(of: word, range: searchFrom..<string.endIndex) {
                searchFrom = found.upperBound
                let lower = string.unicodeScalars.distance(from: string.startIndex, to: found.lowerBound)
                let range = lower..<(lower + word.unicodeScalars.count)
                let mention = Sentence.mention(of: "e", in: text, range: range, articleID: "a", anchor: "p1")
                // The reference: the sentence's bounds found the same way, cut as Strings.
                let scalars = text.scalars
                var start = range.lowerBound
                while start > 0, !Sentence.isTerminator(scalars[start - 1]) { start -= 1 }
                var end = range.upperBound
                while end < scalars.count, !Sentence.isTerminator(scalars[end]) { end += 1 }
                if end < scalars.count { end += 1 }
                #expect(mention.before == String(text.slice(start..<range.lowerBound).drop(while: \.isWhitespace)), "«\(string)»")
                #expect(mention.text == word)
                #expect(mention.after == text.slice(range.upperBound..<end), "«\(string)»")
            }
        }
    }
}
