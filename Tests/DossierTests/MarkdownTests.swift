import Foundation
import Testing
import DossierMarkdown
@testable import DossierCore

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

@Suite struct SiteBehaviourTests {
    @Test func wikiLinksUseTheNameOrTheEditorsLabelAndEscapedOnesStayText() async throws {
        let site = try InlineSite([
            "entities/russia.md": "---\nname: روسيا\nkind: country\n---\nتجاور [[north-korea]] و[[north-korea|الجارة]]، أما \\[\\[north-korea]] فنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("entities/russia.html")
        #expect(html.contains("تجاور <a href=\"../entities/north-korea.html\"><bdi>كوريا الشمالية</bdi></a>"), "the name is isolated")
        #expect(html.contains("<a href=\"../entities/north-korea.html\">والجارة</a>"), "the conjunction joins the link")
        #expect(html.contains("أما [[north-korea]] فنص"))
    }

    @Test func firstMentionPerParagraphIsLinkedAndHeadingsNever() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<h2>عنوان عن روسيا</h2>"))
        #expect(html.contains("وقال إن <a href=\"../entities/russia.html\">لروسيا</a> دوراً، وإن وروسيا ليست"), "second mention recorded, not linked")
        #expect(html.contains("وإن الروسية صفة"))
        let russia = try site.read("entities/russia.html")
        #expect(russia.contains("<span class=\"count\">(3)</span>"), "three mentions outside the heading")
    }

    @Test func templateValuesAreEscaped() async throws {
        let site = try InlineSite([
            "entities/russia.md": "---\nname: \"روسيا <script>x</script>\"\nkind: country\nsummary: \"a & b \\\"c\\\"\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        _ = await site.build()
        let html = try site.read("entities/russia.html")
        #expect(!html.contains("<script>x"))
        #expect(html.contains("روسيا &lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &quot;c&quot;"))
    }

    @Test func englishAnnotationCarriesItsLanguageAndDirection() async throws {
        let site = try InlineSite([
            "annotations/note.md": "---\nquote: \"ترفع العلاقة\"\nlang: en\nkind: analysis\n---\nAn *English* note about [[russia]].\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<mark class=\"quote\" id=\"q-note\">ترفع العلاقة</mark>"))
        #expect(html.contains("<aside class=\"note note-analysis\" id=\"note-note\" aria-labelledby=\"note-note-head\" lang=\"en\" dir=\"ltr\">"))
        #expect(html.contains("<span class=\"note-kind\">Analysis</span>"))
    }

    @Test func quoteIsWidenedToWholeWordsAndFoundThroughNormalisation() async throws {
        let site = try InlineSite([
            "annotations/note.md": "---\nquote: \"لمعاهدة مع روسيا ترفع العلاقه\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<mark class=\"quote\" id=\"q-note\">المعاهدة مع <a href=\"../entities/russia.html\">روسيا</a> ترفع العلاقة</mark>"))
    }

    @Test func unchangedFilesAreNotRewrittenAndPagesNoLongerBuiltGo() async throws {
        let site = try InlineSite(["entities/gone.md": "---\nname: كيان زائل\nkind: concept\n---\nنص.\n"])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/gone.html").path))
        let cover = site.output.appendingPathComponent("404.html")
        let past = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: cover.path)
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("entities/gone.md"))
        guard case .success(let summary) = await site.build() else { Issue.record("build failed"); return }
        let date = try FileManager.default.attributesOfItem(atPath: cover.path)[.modificationDate] as? Date
        #expect(date == past)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/gone.html").path))
        #expect(summary.written?.removed == 1)
    }

    @Test func sitemapOnlyWithBaseURL() async throws {
        let plain = try InlineSite()
        defer { plain.remove() }
        _ = await plain.build()
        #expect(!FileManager.default.fileExists(atPath: plain.output.appendingPathComponent("sitemap.xml").path))
        let withBase = try InlineSite(["site.yml": InlineSite.siteYML + "base_url: https://example.org/dossier\n"])
        defer { withBase.remove() }
        _ = await withBase.build()
        let xml = try withBase.read("sitemap.xml")
        #expect(xml.contains("<loc>https://example.org/dossier/entities/russia.html</loc>"))
        #expect(try withBase.read("index.html").contains("<link rel=\"canonical\" href=\"https://example.org/dossier/index.html\">"))
    }

    @Test func refusesToWriteOverTheContentFolder() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        await #expect(throws: BuildFailure.self) { try await site.pipeline.build(into: site.content) }
    }
}

@Suite struct QuoteAcrossLinesTests {
    @Test func aQuoteMatchesAcrossTheEditorsLineWrapping() async throws {
        let article = "---\ntitle: \"م\"\nsource: \"م\"\n---\n\nأعلن رئيس كوريا الشمالية أن المعاهدة\nمع روسيا ترفع العلاقة.\n"
        let site = try InlineSite([
            "articles/treaty.md": article,
            "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\n---\nنص.\n",
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(try site.read("articles/treaty.html").contains("<mark class=\"quote\" id=\"q-note\">المعاهدة</mark>"))
    }
}

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
