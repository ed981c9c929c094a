import Foundation
import Testing
@testable import DossierCore
@testable import DossierLoading

/// Every mistake an editor can make gives `path:line:col: error: …` with a hint, fails the build,
/// and leaves the previous Public/ untouched.
@Suite struct BadInputTests {
    func expectFailure(_ expected: [String], _ change: (InlineSite) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectFailingRebuild(expected, change, sourceLocation: sourceLocation)
    }

    @Test func yamlSyntaxErrorPointsAtTheFileLine() async throws {
        try await expectFailure(["Content/entities/russia.md:3:7: error: YAML syntax error"]) { site in
            try site.write("---\nname: روسيا\nkind: [country\n---\nنص.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func annotationPageSizeMustBeAWholeNumber() async throws {
        try await expectFailure(["Content/site.yml:4:23: error: annotations_per_page must be a whole number from 0 to 100000",
                                 "0 lists every annotation on one page"]) { site in
            try site.write(InlineSite.siteYML + "annotations_per_page: many\n", to: "Content/site.yml")
        }
    }

    @Test func missingRequiredField() async throws {
        try await expectFailure(["Content/entities/russia.md:1:1: error: missing required field 'kind'", "kind: …"]) { site in
            try site.write("---\nname: روسيا\n---\nنص.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func unknownFrontMatterKeySuggestsTheNearest() async throws {
        try await expectFailure(["Content/entities/russia.md:4:1: error: unknown field 'alias'", "did you mean 'aliases'?"]) { site in
            try site.write("---\nname: روسيا\nkind: country\nalias: [روسيا]\n---\nنص.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func unknownKindSuggestsTheNearest() async throws {
        try await expectFailure(["Content/entities/russia.md:3:7: error: unknown entity kind 'contry'", "did you mean 'country'?"]) { site in
            try site.write("---\nname: روسيا\nkind: contry\n---\nنص.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func badFileNameIsNotAnID() async throws {
        try await expectFailure(["Content/entities/North_Korea.md:1:1: error: 'North_Korea' is not a valid id", "north-korea.md"]) { site in
            try site.write(InlineSite.northKorea, to: "Content/entities/North_Korea.md")
        }
    }

    @Test func idsAreLowercaseASCIIRunsJoinedBySingleHyphens() {
        for id in ["a", "russia", "north-korea", "treaty-2024", "a1-b2-c3"] {
            #expect(ContentLoader.isValidID(id), "\(id) should be valid")
        }
        for id in ["", "-a", "a-", "a--b", "North", "a_b", "a.b", "روسيا", "a b", "é"] {
            #expect(!ContentLoader.isValidID(id), "\(id) should be invalid")
        }
    }

    @Test func duplicateIDAcrossFolders() async throws {
        try await expectFailure(["error: duplicate id 'russia'", "Content/entities/russia.md", "Content/annotations/russia.md:1:1"]) { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\n---\nنص.\n", to: "Content/annotations/russia.md")
        }
    }

    @Test func unknownWikiLinkSuggestsTheNearestID() async throws {
        try await expectFailure(["Content/entities/russia.md:6:6: error: unknown entity 'north-kore'", "did you mean 'north-korea'?"]) { site in
            try site.write("---\nname: روسيا\nkind: country\n---\n\nجارة [[north-kore]].\n", to: "Content/entities/russia.md")
        }
    }

    @Test func missingContentFolder() async throws {
        try await expectFailure(["Content: error: content folder not found", "--content"]) { site in
            try FileManager.default.removeItem(at: site.content)
        }
    }

    @Test func missingTemplatesFolder() async throws {
        try await expectFailure(["Templates: error: templates folder not found", "--templates"]) { site in
            try FileManager.default.removeItem(at: site.templates)
        }
    }

    @Test func unknownPartial() async throws {
        try await expectFailure(["Templates/404.mustache:3:1: error: unknown partial 'partials/footr'", "did you mean 'partials/footer'?"]) { site in
            try site.write("{{<layout}}\n{{$main}}\n{{> partials/footr}}\n{{/main}}\n{{/layout}}\n", to: "Templates/404.mustache")
        }
    }

    @Test func missingPageTemplateIsReportedOnce() async throws {
        let (report, unchanged) = try await InlineSite.failingRebuild { site in
            try FileManager.default.removeItem(at: site.templates.appendingPathComponent("entity.mustache"))
        }
        #expect(report.components(separatedBy: "error: missing template 'entity'").count == 2, "\(report)")
        #expect(report.contains("Templates/entity.mustache: error: missing template 'entity'"))
        #expect(report.contains("hint:"))
        #expect(unchanged)
    }

    @Test func templateFieldTypo() async throws {
        try await expectFailure(["Templates/404.mustache:3:4: error: unknown field 'titel'"]) { site in
            try site.write("{{<layout}}\n{{$main}}\n<p>{{t.titel}}</p>\n{{/main}}\n{{/layout}}\n", to: "Templates/404.mustache")
        }
    }

    @Test func templateSyntaxError() async throws {
        try await expectFailure(["Templates/404.mustache:", "error: template syntax error"]) { site in
            try site.write("{{<layout}}\n{{$main}}\n{{#site}}<p>x</p>\n{{/main}}\n{{/layout}}\n", to: "Templates/404.mustache")
        }
    }

    @Test func contentFileThatCannotBeRead() async throws {
        try await expectFailure(["Content/entities/folder.md: error: cannot read this file", "readable"]) { site in
            try FileManager.default.createDirectory(at: site.content.appendingPathComponent("entities/folder.md"), withIntermediateDirectories: true)
        }
    }

    @Test func contentFileThatIsNotUTF8() async throws {
        try await expectFailure(["Content/entities/russia.md:2:7: error: this file is not valid UTF-8", "UTF-8"]) { site in
            var bytes = Data("---\nname: ".utf8)
            bytes.append(contentsOf: [0xE1, 0xD1, 0xE6]) // Windows-1256, not UTF-8
            bytes.append(Data("\nkind: country\n---\n".utf8))
            try site.write(bytes, to: "Content/entities/russia.md")
        }
    }

    @Test func aNULCharacterIsReportedWhereItIs() async throws {
        try await expectFailure(["Content/entities/russia.md:6:6: error: this file holds a NUL character (\\u{0})", "delete it"]) { site in
            try site.write("---\nname: روسيا\nkind: country\n---\n\nدولة \u{0}كبيرة.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func missingFrontMatterSuggestsTheFix() async throws {
        try await expectFailure(["Content/entities/russia.md:1:1: error: missing front matter", "did you forget to add '---'?"]) { site in
            try site.write("name: روسيا\n", to: "Content/entities/russia.md")
        }
    }

    @Test func everyProblemOfABuildIsReportedTogether() async throws {
        let (report, unchanged) = try await InlineSite.failingRebuild { site in
            try site.write("---\nname: روسيا\nkind: contry\n---\nنص.\n", to: "Content/entities/russia.md")
            try site.write("---\nname: كوريا\n---\n[[chna]]\n", to: "Content/entities/north-korea.md")
            try site.write("{{<layout}}\n{{$main}}\n{{> partials/nope}}\n{{/main}}\n{{/layout}}\n", to: "Templates/404.mustache")
        }
        #expect(report.contains("unknown entity kind 'contry'"))
        #expect(report.contains("missing required field 'kind'"))
        #expect(report.contains("unknown partial 'partials/nope'"))
        #expect(report.contains("3 errors; nothing was written."))
        #expect(unchanged)
    }

    // MARK: Cross-link mistakes

    static let annotationHeader = "---\narticle: treaty\nentities: [russia]\n"

    @Test func quoteNotFoundShowsTheClosestPassage() async throws {
        try await expectFailure(["Content/annotations/note.md:2:8: error: the quote is not in", "the closest passage is «المعاهدة مع روسيا ترفع»"]) { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا تخفض\"\n---\nنص.\n", to: "Content/annotations/note.md")
        }
    }

    @Test func ambiguousQuoteSaysHowManyTimes() async throws {
        try await expectFailure(["Content/annotations/note.md:2:8: error: the quote occurs 2 times", "lengthen the quote"]) { site in
            try site.write("---\nquote: \"وإن\"\n---\nنص.\n", to: "Content/annotations/note.md")
        }
    }

    @Test func unknownEntityInAnnotation() async throws {
        try await expectFailure(["Content/annotations/note.md:3:12: error: unknown entity 'rusia' in 'entities'", "did you mean 'russia'?"]) { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\nentities: [rusia]\n---\nنص.\n", to: "Content/annotations/note.md")
        }
    }

    @Test func aliasSharedByTwoEntitiesNamesBothFiles() async throws {
        try await expectFailure(["error: 'روسيا' names two entities", "Content/entities/north-korea.md", "Content/entities/russia.md"]) { site in
            try site.write("---\nname: كوريا الشمالية\nkind: country\naliases: [روسيا]\n---\nنص.\n", to: "Content/entities/north-korea.md")
        }
    }

    @Test func aliasShorterThanThreeLetters() async throws {
        try await expectFailure(["Content/entities/russia.md:4:11: error: alias 'رس' is shorter than 3 letters"]) { site in
            try site.write("---\nname: روسيا\nkind: country\naliases: [رس]\n---\nنص.\n", to: "Content/entities/russia.md")
        }
    }

    @Test func neverMentionedEntityAndUnmatchedAliasAreWarningsNotErrors() async throws {
        let site = try InlineSite([
            "entities/japan.md": "---\nname: اليابان\nkind: country\naliases: [نيبون]\n---\nدولة.\n",
        ])
        defer { site.remove() }
        guard case .success(let summary) = await site.build() else {
            Issue.record("a warning must not fail the build")
            return
        }
        let text = summary.warnings.map(\.description).joined(separator: "\n")
        #expect(text.contains("Content/entities/japan.md:2:7: warning: 'اليابان' is never mentioned"))
        #expect(text.contains("Content/entities/japan.md:4:11: warning: alias 'نيبون' never matches any text"))
    }
}
