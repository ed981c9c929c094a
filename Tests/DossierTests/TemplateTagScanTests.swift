import Foundation
import Testing
import Mustache
@testable import DossierCore

/// The hand-written tag scanner finds exactly what the regular expression it replaces finds.
@Suite struct TemplateTagScanTests {
    nonisolated(unsafe) static let reference = /\{\{(\{?)\s*([#^\/&>$<!]?)\s*([^{}\s]*)\s*\}?\}\}/

    static func referenceTags(_ source: String) -> [String] {
        var result: [String] = []
        for (n, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: reference) {
                let column = line.distance(from: line.startIndex, to: match.range.lowerBound) + 1
                let sigil = match.output.1.isEmpty ? String(match.output.2) : "{"
                result.append("\(n + 1):\(column) \(sigil)|\(match.output.3)")
            }
        }
        return result
    }

    static func scanned(_ source: String) -> [String] {
        TemplateSet.scanTags(source).map { "\($0.line):\($0.column) \($0.sigil)|\($0.name)" }
    }

    @Test func agreesWithTheRegularExpressionOnTrickyTags() {
        let cases = [
            "{{name}}", "{{{html}}}", "{{& raw }}", "{{# section }}x{{/ section }}", "{{^empty}}", "{{> partials/note}}",
            "{{<layout}}{{$main}}{{/main}}{{/layout}}", "{{! comment }}", "{{{{x}}", "{{x}}}", "{{x}", "{{ }}", "{{#}}}",
            "{{{}}", "{{# {x}}", "a {{b}} c {{{d}}} «{{e.f}}»", "{{x y}}", "{{ t.home }}{{root}}index.html", "{{", "}}{{a}}}}}",
            "{{\tname\t}}", "{{#a}}\n{{/a}}\n\n{{b}}", "{{.}}", "{{%pragma}}", "{{=<% %>=}}",
        ]
        for source in cases {
            #expect(Self.scanned(source) == Self.referenceTags(source), "«\(source)»")
        }
    }

    @Test func agreesWithTheRegularExpressionOnTheRealTemplates() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates").standardizedFileURL
        let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 8)
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.scanned(source) == Self.referenceTags(source), "\(file)")
        }
    }

    static func templates(_ sources: [String: String]) -> TemplateSet {
        TemplateSet(library: MustacheLibrary(), sources: sources, displayRoot: "Templates", tagsByTemplate: sources.mapValues(TemplateSet.scanTags))
    }

    @Test func theRealEntityTemplateCannotShowNoteBodiesAndTheOthersCan() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates")
        let (set, diagnostics) = TemplateSet.load(from: folder)
        #expect(diagnostics.isEmpty)
        let templates = try #require(set)
        #expect(!templates.mayShowNoteBodies("entity"))
        #expect(templates.mayShowNoteBodies("article"))
        #expect(templates.mayShowNoteBodies("annotations"))
        #expect(templates.closure(of: "entity").contains("layout"))
    }

    /// Every way a template could print a note's `html` counts, at any depth of partials, and so
    /// does anything the tag scan cannot read.
    @Test func anyTagThatCouldReachANotesBodyCounts() {
        let layout = "<html>{{$main}}{{/main}}</html>"
        let cases: [(String, [String: String], Bool)] = [
            ("the entity's own description", ["entity": "{{{entity.html}}}{{#annotations}}{{quote}}{{/annotations}}"], false),
            ("a plain comment", ["entity": "{{! html is not shown here }}{{entity.name}}"], false),
            ("a bare html", ["entity": "{{#annotations}}{{{html}}}{{/annotations}}"], true),
            ("an escaped html", ["entity": "{{#annotations}}{{html}}{{/annotations}}"], true),
            ("an ampersand html", ["entity": "{{#annotations}}{{& html}}{{/annotations}}"], true),
            ("a section named html", ["entity": "{{#annotations}}{{#html}}x{{/html}}{{/annotations}}"], true),
            ("a dotted name not through entity", ["entity": "{{#annotations}}{{note.html}}{{/annotations}}"], true),
            ("a longer name through entity", ["entity": "{{#annotations}}{{entity.note.html}}{{/annotations}}"], true),
            ("a transform", ["entity": "{{#annotations}}{{{uppercased(html)}}}{{/annotations}}"], true),
            ("another word ending in html", ["entity": "{{#annotations}}{{quote_html}}{{/annotations}}"], false),
            ("a name from the current object", ["entity": "{{#annotations}}{{.html}}{{/annotations}}"], true),
            ("the current object", ["entity": "{{#annotations}}{{.}}{{/annotations}}"], true),
            ("a partial", ["entity": "{{#annotations}}{{> partials/note}}{{/annotations}}", "partials/note": "<p>{{{html}}}</p>"], true),
            ("a partial's partial", ["entity": "{{> a}}", "a": "{{> b}}", "b": "{{html}}"], true),
            ("a parent", ["entity": "{{<layout}}{{$main}}x{{/main}}{{/layout}}", "layout": layout + "{{{html}}}"], true),
            ("a parent without it", ["entity": "{{<layout}}{{$main}}x{{/main}}{{/layout}}", "layout": layout], false),
            ("another template only", ["entity": "{{entity.name}}", "article": "{{{html}}}"], false),
            ("changed delimiters", ["entity": "{{=<% %>=}}<%#annotations%><%html%><%/annotations%>"], true),
            ("a tag broken over lines", ["entity": "{{#annotations}}{{\nhtml}}{{/annotations}}"], true),
        ]
        for (name, sources, expected) in cases {
            #expect(Self.templates(sources).mayShowNoteBodies("entity") == expected, "\(name)")
        }
    }
}
