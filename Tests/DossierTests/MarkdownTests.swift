import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore
@testable import DossierModel
@testable import DossierMarkdownStage
@testable import DossierLinking

@Suite struct MarkdownTests {
    @Test func roundTripsThroughValuesLikeCmark() throws {
        let source = "# عنوان\n\nفقرة *مائلة* و**غامقة** و`code` و[رابط](https://example.org \"t\").\n\n- أ\n- ب\n\n> اقتباس\n\n```swift\nlet x = 1\n```\n"
        let html = Markdown.renderHTML(try Markdown.parse(source))
        #expect(html == """
        <h1>عنوان</h1>
        <p>فقرة <em>مائلة</em> و<strong>غامقة</strong> و<code>code</code> و<a href="https://example.org" title="t">رابط</a>.</p>
        <ul>
        <li>أ</li>
        <li>ب</li>
        </ul>
        <blockquote>
        <p>اقتباس</p>
        </blockquote>
        <pre><code class="language-swift">let x = 1
        </code></pre>

        """)
    }

    @Test func positionsAreFileLinesAndByteColumns() throws {
        let blocks = try Markdown.parse("\nنص أول\n\nنص ثان\n", lineOffset: 4)
        #expect(blocks.map(\.position.line) == [6, 8])
    }

    @Test func safeModeStripsEditorsRawHTMLAndDangerousURLs() throws {
        let blocks = try Markdown.parse("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x\">b</b> ![i](data:text/html,x)\n")
        let html = Markdown.renderHTML(blocks)
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        let unsafe = Markdown.renderHTML(blocks, options: RenderOptions(allowUnsafeHTML: true))
        #expect(unsafe.contains("<script>"), "the site option lets raw HTML through")
    }

    @Test func generatorMarkupGoesThroughCustomNodes() {
        let html = Markdown.renderInlineHTML([.custom(enter: "<mark>", exit: "</mark>", [.text("<نص>", .generated)])])
        #expect(html == "<mark>&lt;نص&gt;</mark>")
    }

    /// `\[` and `\]` become placeholders byte by byte exactly as scalar by scalar; `\\` pairs and
    /// other escapes stay for cmark, whatever scalar follows the backslash.
    @Test func escapedBracketsAreProtectedAsScalarsWouldBe() {
        func reference(_ text: String) -> String {
            var result = String.UnicodeScalarView()
            var iterator = text.unicodeScalars.makeIterator()
            while let c = iterator.next() {
                guard c == "\\" else { result.append(c); continue }
                guard let next = iterator.next() else { result.append(c); break }
                switch next {
                case "[": result.append("\u{E000}")
                case "]": result.append("\u{E001}")
                default: result.append(c); result.append(next)
                }
            }
            return String(result)
        }
        for text in ["", "\\", "\\[", "a\\]b", "\\\\[x", "\\\\\\[", "\\روسيا \\[[e1]]", "[[x]] \\\u{301}", "نص\\"] {
            let bytes = MarkdownStage.protectEscapedBrackets(Array(("x" + text).utf8).dropFirst())
            #expect(String(decoding: Array(bytes), as: UTF8.self) == reference(text), "«\(text)»")
        }
    }

    @Test func escapedBracketsStayLiteral() {
        let blocks = MarkdownStage.parse(MarkdownSource(text: "\\[\\[russia]] و `\\[x`", firstLine: 1), path: "note.md").blocks
        guard case .paragraph(let inlines, _) = blocks.first else { Issue.record("no paragraph"); return }
        let resolved = inlines.map(InlineRewriter.restoreEscapes)
        #expect(resolved.plainText == "[[russia]] و \\[x")
    }
}
