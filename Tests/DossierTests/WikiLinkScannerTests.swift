import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore
@testable import DossierLinking

@Suite struct WikiLinkScannerTests {
    @Test(arguments: [
        ("قبل [[russia]] بعد", "russia", nil as String?),
        ("[[russia|لروسيا]]", "russia", "لروسيا"),
        ("[x] [[a|b|c]]", "a", "b|c"),
    ])
    func findsLinks(text: String, id: String, label: String?) {
        let link = InlineRewriter.nextWikiLink(in: text[...])
        #expect(link?.id == id)
        #expect(link?.label == label)
    }

    @Test(arguments: ["[[ru[ssia]]", "[[russia]", "[russia]]", "نص بلا روابط"])
    func ignoresWhatIsNotALink(text: String) {
        #expect(InlineRewriter.nextWikiLink(in: text[...]) == nil)
    }

    /// The first `[[`, found in bytes, as the same range of the text the scalar walk would give,
    /// in whole strings and in slices that start inside them.
    @Test func findsTheFirstDoubleBracket() {
        func reference(_ text: Substring) -> Int? {
            let bytes = Array(text.utf8)
            return bytes.indices.dropLast().first { bytes[$0] == 0x5B && bytes[$0 + 1] == 0x5B }
        }
        let texts = ["", "[", "[[", "x[", "[x[", "[ [", "a[b[[c", "نص [[", "روسيا[[e1]]", "[[", "ـ[ [[[", "e\u{301}[[x]]"]
        for text in texts {
            for drop in 0...min(2, text.count) {
                let slice = text.dropFirst(drop)
                let range = InlineRewriter.doubleBracket(in: slice)
                let expected = reference(slice)
                #expect(range.map { slice.utf8.distance(from: slice.startIndex, to: $0.lowerBound) } == expected, "«\(slice)»")
                if let range { #expect(slice[range] == "[[") }
            }
        }
    }
}
