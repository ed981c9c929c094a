import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierMarkdownStage
@testable import DossierLinking

/// The byte scans that decide whether a text needs wiki-link or escape handling at all.
@Suite struct ByteScanTests {
    @Test func findsABytePairOnlyWhenAdjacent() {
        #expect(InlineRewriter.hasDoubleBracket("انظر [[russia]]"))
        #expect(InlineRewriter.hasDoubleBracket("[["))
        #expect(!InlineRewriter.hasDoubleBracket("[a[b]] ["))
        #expect(!InlineRewriter.hasDoubleBracket(""))
        let text = "نص [ثم] [[north-korea]]"
        #expect(InlineRewriter.hasDoubleBracket(text[text.firstIndex(of: "]")!...]))
        #expect(!InlineRewriter.hasDoubleBracket(text[..<text.firstIndex(of: "]")!]))
    }

    @Test func findsOneByteAnywhere() {
        #expect(ByteScan.contains(0x5C, in: #"a\[b"#))
        #expect(!ByteScan.contains(0x5C, in: "روسيا"))
        #expect(!ByteScan.contains(0x5C, in: ""))
        #expect(MarkdownStage.hasEscapePlaceholder("x\u{E000}y"))
        #expect(!MarkdownStage.hasEscapePlaceholder("روسيا\u{E0A0}"))
    }

    @Test func trimsSpacesButNotOtherMarks() {
        #expect(InlineRewriter.trimmingSpaces("  russia\t") == "russia")
        #expect(InlineRewriter.trimmingSpaces("\u{00A0}روسيا\u{3000}") == "روسيا")
        #expect(InlineRewriter.trimmingSpaces(" \t ") == "")
        #expect(InlineRewriter.trimmingSpaces("\nid\n") == "\nid\n")
    }
}
