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
        let scalars = Array(text.unicodeScalars)
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(part)) }
        for start in 0...count {
            for end in start...count {
                let split = ScalarText.split(text, at: start..<end)
                #expect(split.before == string(scalars[..<start]) && split.inside == string(scalars[start..<end])
                        && split.after == string(scalars[end...]), "\(start)..<\(end)")
            }
        }
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
        // Below U+0900, and the general punctuation, direction marks and BOM of three UTF-8 bytes.
        for value in Array(UInt32(0)..<0x900) + Array(UInt32(0x2000)..<0x2070) + [0xFEFF] {
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

    /// The one-pass words of UTF-8 are the words `Tokenizer` finds in the normalised scalars, for
    /// every scalar below U+0900 and of U+2000–U+206F between words and inside one, and for texts
    /// needing NFKC forms.
    @Test func wordsOfUTF8AreTheTokenizersWordsOfTheNormalisedText() {
        func reference(_ text: String) -> [[UInt32]] {
            let scalars = ArabicNormalizer.normalize(text).scalars
            return Tokenizer.wordRanges(in: scalars).map { scalars[$0].map(\.value) }
        }
        func words(_ text: String) -> [[UInt32]] {
            var text = text
            let (scalars, ends) = text.withUTF8 { ArabicNormalizer.normalizedWords(utf8: $0) }
            return ends.indices.map { Array(scalars[($0 == 0 ? 0 : ends[$0 - 1])..<ends[$0]]) }
        }
        var texts = ["", " ", "روسيا", "كوريا الشمالية 🇰🇵 e\u{301} ﷲ", "\u{FEFB}x\u{200F}", "٢٠٢٤ NATO — «الناتو»",
                     "مُعَاهَدَة الشَّرَاكَة", "ﻻ ﷺ \u{0675}ب", "word\u{0640}\u{0640}end", "𝐀𝐁 ①"]
        // Below U+0900, and the general punctuation, direction marks and BOM of three UTF-8 bytes.
        for value in Array(UInt32(0)..<0x900) + Array(UInt32(0x2000)..<0x2070) + [0xFEFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            texts += ["روسيا\(scalar)كوريا", "\(scalar)", "a \(scalar) b"]
        }
        for text in texts { #expect(words(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })") }
    }

    /// A buffer that reads texts one after another (long and short, each path) holds each one's words.
    @Test func aReusedBufferHoldsTheWordsOfTheLastTextRead() {
        var buffer = NormalizedWords()
        for text in ["معاهدة الشراكة الاستراتيجية الشاملة بين روسيا وكوريا", "ﷲ روسيا", "", "كوريا", "روسيا… كوريا الشمالية", "x"] {
            var copy = text
            let (scalars, ends) = copy.withUTF8 { ArabicNormalizer.normalizedWords(utf8: $0) }
            copy.withUTF8 { buffer.read(utf8: $0) }
            #expect(buffer.ends == ends, "\(text)")
            #expect(Array(buffer.scalars[..<(buffer.ends.last ?? 0)]) == scalars, "\(text)")
        }
    }

    /// Text of the Arabic block and ASCII, with direction marks, dashes and quotes, takes the path
    /// that writes each scalar once; any other scalar (which NFKC may expand, or which lies above
    /// U+06FF) sends the whole text the general way.
    @Test func plainArabicTextTakesTheFastPathAndOthersTheGeneralOne() throws {
        func low(_ text: String) -> (scalars: [UInt32], ends: [Int])? {
            var text = text
            return text.withUTF8 { bytes in
                var ends: [Int] = []
                var out = [UInt32](repeating: 0, count: bytes.count)
                guard let n = out.withUnsafeMutableBufferPointer({ ArabicNormalizer.lowWords(utf8: bytes, into: $0, ends: &ends) }) else { return nil }
                return (Array(out[..<n]), ends)
            }
        }
        func any(_ text: String) -> (scalars: [UInt32], ends: [Int]) {
            var text = text
            return text.withUTF8 { ArabicNormalizer.anyNormalizedWords(utf8: $0) }
        }
        for plain in ["وَقَّعت روسيا وكوريا الشمالية «معاهدة الشراكة» في 19 يونيو 2024، NATO.",
                      "\u{200F}روسيا — “كوريا”\u{200E}–x", "روسيا\u{200D}كوريا"] {
            let fast = try #require(low(plain), "\(plain)")
            #expect(fast.scalars == any(plain).scalars && fast.ends == any(plain).ends, "\(plain)")
        }
        for other in ["روسيا… كوريا", "روسيا\u{A0}كوريا", "ﷲ", "روسيا 🇷🇺", "\u{0675}ب"] {
            #expect(low(other) == nil, "\(other)")
        }
    }
}
