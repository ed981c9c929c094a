import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// What templates may print raw, partials that include themselves, and editors' names and titles
/// that carry bidi controls.
@Suite struct TemplateSafetyTests {
    func expectFailure(_ expected: [String], _ change: (InlineSite) throws -> Void,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let (report, unchanged) = try await InlineSite.failingRebuild(change)
        for text in expected {
            #expect(report.contains(text), "missing «\(text)» in:\n\(report)", sourceLocation: sourceLocation)
        }
        #expect(report.contains("hint:"), sourceLocation: sourceLocation)
        #expect(unchanged, "Public/ changed after a failed build", sourceLocation: sourceLocation)
        return report
    }

    // MARK: Unescaped output

    /// `{{{x}}}` and `{{&x}}` of an editor's value would put its `<script>` on the page; rendered
    /// Markdown (`html`, whatever object it is read from) is the only raw output allowed.
    @Test func unescapedOutputOfAnEditorsValueIsRefused() async throws {
        let template = """
        {{<layout}}
        {{$main}}
        <h1>{{{entity.name}}}</h1>
        {{#entity}}<p>{{& summary}}</p>{{{html}}}{{/entity}}
        <div>{{{entity.html}}}</div>
        {{#links_to}}<a href="{{url}}">{{{ name }}}</a>{{/links_to}}
        {{#annotations}}{{& html}}{{/annotations}}
        {{/main}}
        {{/layout}}
        """
        let report = try await expectFailure([
            "Templates/entity.mustache:3:5: error: unescaped output of 'entity.name'",
            "hint: use {{entity.name}}: only rendered Markdown fields (html) may be printed unescaped",
            "Templates/entity.mustache:4:15: error: unescaped output of 'summary'",
            "hint: use {{summary}}:",
            "Templates/entity.mustache:6:32: error: unescaped output of 'name'",
        ]) { site in
            try site.write(template, to: "Templates/entity.mustache")
        }
        // The three raw `html` tags pass.
        #expect(report.components(separatedBy: "error: unescaped output").count - 1 == 3, "\(report)")
    }

    /// The current object of a list of strings (an article's highlights) is an editor's value too.
    @Test func unescapedOutputOfTheCurrentObjectIsRefused() async throws {
        _ = try await expectFailure(["Templates/article.mustache:4:28: error: unescaped output of '.'", "use {{.}}"]) { site in
            try site.write("{{<layout}}\n{{$main}}\n<ul>\n{{#article.highlights}}<li>{{{.}}}</li>{{/article.highlights}}\n</ul>\n{{/main}}\n{{/layout}}\n",
                           to: "Templates/article.mustache")
        }
    }

    // MARK: Partial cycles

    /// swift-mustache follows a partial that includes itself until the stack overflows: the build
    /// crashed with a segmentation fault. Now it is a template error naming the cycle, and no page
    /// is rendered.
    @Test func aPartialThatIncludesItselfIsATemplateErrorNamingTheCycle() async throws {
        let report = try await expectFailure([
            "Templates/partials/footer.mustache:2:1: error: partial cycle: partials/footer → partials/footer",
            "hint: a template cannot include itself, directly or through others",
        ]) { site in
            try site.write("<footer>\n{{> partials/footer}}\n</footer>\n", to: "Templates/partials/footer.mustache")
        }
        #expect(report.components(separatedBy: "partial cycle").count - 1 == 1, "one cycle, reported once:\n\(report)")
    }

    @Test func aCycleThroughTwoPartialsIsReportedOnceAtItsFirstTemplate() async throws {
        let report = try await expectFailure([
            "Templates/partials/a.mustache:3:1: error: partial cycle: partials/a → partials/b → partials/a",
        ]) { site in
            try site.write("<div>\n<p>a</p>\n{{> partials/b}}\n</div>\n", to: "Templates/partials/a.mustache")
            try site.write("{{#site}}{{> partials/a}}{{/site}}\n", to: "Templates/partials/b.mustache")
            try site.write("<footer>{{> partials/b}}</footer>\n", to: "Templates/partials/footer.mustache")
        }
        #expect(report.components(separatedBy: "partial cycle").count - 1 == 1, "\(report)")
    }

    /// A parent (`{{< }}`) that leads back to the template inheriting it is a cycle too.
    @Test func aCycleThroughAParentIsATemplateError() async throws {
        _ = try await expectFailure([
            "Templates/layout.mustache:2:1: error: partial cycle: layout → partials/wrapper → layout",
        ]) { site in
            let layout = try String(contentsOf: site.templates.appendingPathComponent("layout.mustache"), encoding: .utf8)
            try site.write("<!-- wrapped -->\n{{> partials/wrapper}}\n" + layout, to: "Templates/layout.mustache")
            try site.write("{{<layout}}{{$main}}{{/main}}{{/layout}}\n", to: "Templates/partials/wrapper.mustache")
        }
    }

    /// `dossier check` renders nothing either: it reports the cycle and the other template errors
    /// together, without crashing.
    @Test func checkReportsACycleWithTheOtherTemplateErrors() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try site.write("<footer>{{> partials/footer}}{{t.genrated_by}}</footer>\n", to: "Templates/partials/footer.mustache")
        do {
            _ = try await site.pipeline.check()
            Issue.record("check passed a partial cycle")
        } catch let failure as BuildFailure {
            #expect(failure.description.contains("Templates/partials/footer.mustache:1:9: error: partial cycle: partials/footer → partials/footer"))
            #expect(failure.description.contains("Templates/partials/footer.mustache:1:30: error: unknown field 'genrated_by'"), "\(failure)")
        }
    }

    // MARK: Bidi isolation

    /// U+202E (RIGHT-TO-LEFT OVERRIDE) in an entity's name reversed the text printed after it, up to
    /// the end of the paragraph: in headings, links, chips, cards, breadcrumbs, the pager and the
    /// `<title>`. Every place that prints the name now isolates it: inside `<bdi>` (or an element
    /// with `dir="auto"`) in the page, and with the controls removed in `<title>`.
    @Test func aNameWithABidiOverrideIsIsolatedEverywhereItIsPrinted() async throws {
        let name = "كوريا\u{202E} الشمالية"
        let site = try InlineSite(["entities/north-korea.md": "---\nname: \"\(name)\"\nkind: country\n---\nدولة في شرق آسيا، جارة [[russia]].\n"])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        var checked: [String: Int] = [:]
        for path in try snapshot(site.output).keys.sorted() where path.hasSuffix(".html") {
            let html = try site.read(path)
            for occurrence in HTMLScan.occurrences(of: name, in: html) {
                checked[path, default: 0] += 1
                #expect(!occurrence.openElements.contains { $0.name == "title" }, "\(path): the name's override is in <title>")
                #expect(occurrence.openElements.contains { $0.name == "bdi" || $0.attributes.contains("dir=\"auto\"") },
                        "\(path): not isolated inside \(occurrence.openElements.map(\.name))")
            }
            for title in HTMLScan.titles(in: html) {
                #expect(!title.unicodeScalars.contains(where: HTMLScan.isEmbeddingOrIsolateControl), "\(path): <title>\(title)</title>")
            }
        }
        // Its own page (title, breadcrumbs, heading, the list of ties under its relation map), the
        // cover's and the index's cards (and the index's list by letter and list of ties), and on
        // Russia's page the link in the description, the chips and the pager. The maps' labels
        // are drawn without the controls.
        #expect(try site.read("entities/north-korea.html").contains("<title>كوريا الشمالية ·"))
        #expect(checked["entities/north-korea.html"] == 3, "\(checked)")
        #expect(checked["index.html"] == 1, "\(checked)")
        #expect(checked["entities/index.html"] == 3, "\(checked)")
        #expect(try site.read("entities/index.html").contains("<tspan x=\"") && site.read("entities/index.html").contains(">كوريا الشمالية</tspan>"))
        #expect((checked["entities/russia.html"] ?? 0) >= 3, "\(checked)")
    }

    /// An article's title and the site's title reach `<title>` and the header; their overrides
    /// are removed from the one and isolated in the other.
    @Test func titlesWithBidiControlsAreIsolated() async throws {
        let title = "معاهدة \u{202E}الشراكة\u{2066}"
        let site = try InlineSite([
            "site.yml": "title: \"ملف \u{202D}تجريبي\"\nsubtitle: للاختبار\nlanguage: ar\n",
            "articles/treaty.md": InlineSite.article.replacingOccurrences(of: "مقال تجريبي", with: title),
        ])
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("the build failed"); return }
        let page = try site.read("articles/treaty.html")
        #expect(HTMLScan.titles(in: page) == ["معاهدة الشراكة · ملف تجريبي"])
        // In the header and the footer, beside other text; the cover's heading holds the title
        // alone, and an override ends with the heading's block.
        for path in ["articles/treaty.html", "index.html", "entities/russia.html"] {
            let html = try site.read(path)
            let occurrences = HTMLScan.occurrences(of: "ملف \u{202D}تجريبي", in: html)
            let isolated = occurrences.filter { $0.openElements.contains { $0.name == "bdi" } }
            #expect(isolated.count == 2, "\(path): \(occurrences.map { $0.openElements.map(\.name) })")
            #expect(occurrences.count == (path == "index.html" ? 3 : 2))
            #expect(occurrences.allSatisfy { $0.openElements.contains { $0.name == "bdi" } || $0.openElements.last?.name == "h1" })
        }
        // The article's title beside the source's name on the entity pages that it mentions.
        let russia = try site.read("entities/russia.html")
        let mentions = HTMLScan.occurrences(of: title, in: russia)
        #expect(!mentions.isEmpty)
        #expect(mentions.allSatisfy { $0.openElements.contains { $0.name == "bdi" } }, "\(mentions.map { $0.openElements.map(\.name) })")
    }
}

/// Just enough of an HTML reader for the pages Dossier writes: which elements are open where a
/// string occurs, and the text of each `<title>`.
enum HTMLScan {
    struct Element { let name: String; let attributes: String }
    struct Occurrence { let openElements: [Element] }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    static func occurrences(of needle: String, in html: String) -> [Occurrence] {
        let scalars = Array(html.unicodeScalars), target = Array(needle.unicodeScalars)
        var result: [Occurrence] = [], open: [Element] = [], i = 0
        while i < scalars.count {
            if scalars[i] == "<" {
                guard let end = scalars[i...].firstIndex(of: ">") else { break }
                let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
                if tag.hasPrefix("/") {
                    let name = tag.dropFirst().lowercased()
                    if let last = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(last...) }
                } else if !tag.hasPrefix("!") && !tag.hasPrefix("?") {
                    let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                    if !voidElements.contains(name) && !tag.hasSuffix("/") {
                        open.append(Element(name: name, attributes: String(tag.dropFirst(name.count))))
                    }
                }
                i = end + 1
            } else if scalars[i...].starts(with: target) {
                result.append(Occurrence(openElements: open))
                i += target.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// U+202A–U+202E (embeddings, overrides and their end) and U+2066–U+2069 (isolates and theirs).
    static func isEmbeddingOrIsolateControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func titles(in html: String) -> [String] {
        html.components(separatedBy: "<title>").dropFirst().compactMap { $0.components(separatedBy: "</title>").first }
    }
}
