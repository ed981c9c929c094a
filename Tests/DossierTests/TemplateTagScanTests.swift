import Foundation
import Testing
import Mustache
@testable import DossierCore
@testable import DossierRendering

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
}
