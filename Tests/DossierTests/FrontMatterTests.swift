import Foundation
import Testing
import Yams
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading

/// Front matter is composed with every scalar kept as the editor wrote it; FieldReader gives it meaning.
@Suite struct FrontMatterTests {
    @Test func scalarsStayAsWritten() throws {
        let node = try #require(try FrontMatter.compose("title: yes\npublished: 2024-06-19\nsource: 1.50\nsummary: ~\nname: روسيا"))
        let mapping = try #require(node.mapping)
        #expect(mapping["title"]?.scalar?.string == "yes")
        #expect(mapping["published"]?.scalar?.string == "2024-06-19")
        #expect(mapping["source"]?.scalar?.string == "1.50")
        #expect(mapping["summary"]?.scalar?.string == "~")
        #expect(mapping["name"]?.scalar?.string == "روسيا")
        #expect(mapping["missing"] == nil)
    }

    @Test func duplicateKeysAreStillAnError() {
        #expect(throws: YamlError.self) { try FrontMatter.compose("name: a\nname: b") }
    }

    @Test func emptyOrNullFieldsReadAsMissing() throws {
        let file = ContentFile(path: "Content/entities/x.md", text: "---\nname: روسيا\nsummary: null\ndate: ~\n---\nنص.\n")
        let front = try FrontMatter.parse(file).get()
        var reader = FieldReader(path: file.path, mapping: front.mapping, lineOffset: 1, missingLine: 1)
        #expect(reader.string("name")?.value == "روسيا")
        #expect(reader.string("summary") == nil)
        #expect(reader.string("date") == nil)
        #expect(reader.diagnostics.isEmpty)
    }

    /// A fence is `---` alone on its line, give or take spaces around it: ASCII ones, read as bytes,
    /// and any other Unicode space.
    @Test func fencesAllowSpacesAroundThem() throws {
        for (open, close) in [("---", "---"), ("  ---\t", "--- "), ("---", "\u{00A0}---\u{3000}")] {
            let front = try FrontMatter.parse(ContentFile(path: "x.md", text: "\(open)\nname: a\n\(close)\nنص.\n")).get()
            #expect(front.mapping["name"]?.scalar?.string == "a", "«\(open)» «\(close)»")
            #expect(front.body.text == "نص.\n")
        }
        for close in ["- --", "----", "--", "---x", "x---", "   "] {
            #expect(throws: FrontMatter.Failure.self, "«\(close)»") { try FrontMatter.parse(ContentFile(path: "x.md", text: "---\nname: a\n\(close)\n")).get() }
        }
    }
}
