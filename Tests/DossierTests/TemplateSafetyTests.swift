import Foundation
import Testing
@testable import DossierCore

/// What templates may print raw.
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
}
