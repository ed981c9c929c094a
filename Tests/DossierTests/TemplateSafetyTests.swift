import Foundation
import Testing
@testable import DossierCore

/// What templates may print raw, and partials that include themselves.
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
}
