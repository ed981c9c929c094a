import Mustache
import Testing
@testable import DossierCore
@testable import DossierRendering

/// Context strings are held as `ContextText` for speed; templates must see them as strings.
@Suite struct ContextNodeTests {
    func render(_ template: String, _ node: ContextNode) throws -> String {
        _ = DossierHTMLContentType.registered
        return try MustacheTemplate(string: DossierHTMLContentType.pragma + template).render(node)
    }

    @Test func aStringFieldRendersEscapedTransformsAndOpensASection() throws {
        let node = ContextNode(["title": "a<b", "empty": ""])
        #expect(node["title"] as? String == "a<b")
        #expect(try render("{{title}}|{{{title}}}|{{uppercased(title)}}|{{#title}}yes{{/title}}|{{^title}}no{{/title}}", node)
            == "a&lt;b|a<b|A&lt;B|yes|")
        #expect(try render("{{#empty}}[{{.}}]{{/empty}}{{^empty}}none{{/empty}}", node) == "[]")
    }

    @Test func aCopyOfASealedNodeCanBeExtended() {
        let shared = ContextNode(["name": "روسيا"]).seal()
        let extended = shared.copy()
        extended["count"] = 3
        #expect(extended["name"] as? String == "روسيا" && extended["count"] as? Int == 3)
        #expect(shared["count"] == nil)
    }
}
