import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading

/// The `events` field of entities and notes: read with their positions, and every mistake in it
/// reported at its line and column with a hint, the build failing and `Public/` left as it was.
@Suite struct EventLoadingTests {
    static let russiaWithEvents = """
    ---
    name: روسيا
    kind: country
    events:
      - date: "2024-06-19"
        text: "وقّعت روسيا و[[north-korea]] المعاهدة."
        sources:
          - title: "مصدر"
            url: "https://example.org/treaty"
      - date: 1991
        text: |
          حُلّ الاتحاد السوفييتي.
    ---
    دولة.
    """

    func load(_ files: [String: String?]) throws -> (Site?, [Diagnostic]) {
        let site = try InlineSite(files)
        defer { site.remove() }
        return ContentLoader(contentDirectory: site.content).load()
    }

    @Test func eventsAreReadWithTheirDatesTextsSourcesAndPositions() throws {
        let (site, diagnostics) = try load(["entities/russia.md": Self.russiaWithEvents])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let russia = try #require(site?.entities.first { $0.id == "russia" })
        #expect(russia.events.map(\.date) == ["2024-06-19", "1991"])
        #expect(russia.events[0].text.text == "وقّعت روسيا و[[north-korea]] المعاهدة.")
        #expect(russia.events[0].sources == [SourceReference(title: "مصدر", url: "https://example.org/treaty")])
        #expect((russia.events[0].line, russia.events[0].column) == (5, 5))
        // A quoted text starts on its own line; a block scalar on the line after `|`.
        #expect(russia.events[0].text.firstLine == 6)
        #expect(russia.events[1].text.firstLine == 12)
        #expect(russia.events[1].text.text == "حُلّ الاتحاد السوفييتي.")
        #expect(russia.events[1].sources.isEmpty)
    }

    @Test func notesHaveEventsToo() throws {
        let note = "---\nquote: \"المعاهدة مع روسيا\"\nevents:\n  - date: 2024-12\n    text: دخلت المعاهدة حيز التنفيذ.\n---\nنص.\n"
        let (site, diagnostics) = try load(["annotations/treaty-note.md": note])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let annotation = try #require(site?.annotations.first)
        #expect(annotation.events.map(\.date) == ["2024-12"])
        #expect(annotation.events.map(\.text.text) == ["دخلت المعاهدة حيز التنفيذ."])
    }

    /// An event is part of what its record's digests cover, both for a record loaded from a file
    /// (the digests of its bytes) and for one made in code (the digest of its archived form), so an
    /// edited event never leaves a page made from the record stale.
    @Test func anEditedEventChangesTheRecordsDigests() throws {
        let (site, _) = try load(["entities/russia.md": Self.russiaWithEvents])
        let (editedSite, _) = try load(["entities/russia.md": Self.russiaWithEvents.replacingOccurrences(of: "حُلّ", with: "تفكك")])
        let russia = try #require(site?.entities.first { $0.id == "russia" })
        let loadedEdit = try #require(editedSite?.entities.first { $0.id == "russia" })
        #expect(loadedEdit.events[1].text.text != russia.events[1].text.text)
        #expect(loadedEdit.fieldsDigest != russia.fieldsDigest)
        #expect(loadedEdit.contentDigest != russia.contentDigest)
        var inCode = russia, editedInCode = russia
        inCode.loadDigests = nil
        editedInCode.loadDigests = nil
        editedInCode.events[1].text.text = "نص آخر."
        #expect(editedInCode.fieldsDigest != inCode.fieldsDigest)
        #expect(editedInCode.contentDigest != inCode.contentDigest)
    }

    func expectFailure(_ expected: [String], _ change: (InlineSite) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectFailingRebuild(expected, change, sourceLocation: sourceLocation)
    }

    func entity(_ events: String) -> String {
        "---\nname: روسيا\nkind: country\nevents:\n\(events)---\nدولة.\n"
    }

    @Test func aBadDateIsAnError() async throws {
        try await expectFailure(["Content/entities/russia.md:5:11: error: '2024-13-01' is not a valid date for an event",
                                 "YYYY, YYYY-MM or YYYY-MM-DD"]) { site in
            try site.write(entity("  - date: 2024-13-01\n    text: نص.\n"), to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:5:11: error: 'June 2024' is not a valid date for an event"]) { site in
            try site.write(entity("  - date: June 2024\n    text: نص.\n"), to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:5:11: error: '2023-02-29' is not a valid date for an event"]) { site in
            try site.write(entity("  - date: 2023-02-29\n    text: نص.\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func aMissingDateOrTextIsAnError() async throws {
        try await expectFailure(["Content/entities/russia.md:5:5: error: an event needs a 'date'", "date: YYYY-MM-DD"]) { site in
            try site.write(entity("  - text: نص.\n"), to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:5:5: error: an event needs a 'text'", "saying what happened"]) { site in
            try site.write(entity("  - date: 2024\n"), to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:6:11: error: an event's 'text' must be some words"]) { site in
            try site.write(entity("  - date: 2024\n    text: \"  \"\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func anUnknownKeySuggestsTheNearest() async throws {
        try await expectFailure(["Content/entities/russia.md:6:5: error: unknown field 'txt' in an event", "did you mean 'text'?"]) { site in
            try site.write(entity("  - date: 2024\n    txt: نص.\n    text: نص.\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func eventsMustBeAListOfFields() async throws {
        try await expectFailure(["Content/entities/russia.md:4:9: error: field 'events' must be a list", "- date: 2024-06-19"]) { site in
            try site.write("---\nname: روسيا\nkind: country\nevents: 2024\n---\nدولة.\n", to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:5:5: error: each event needs a 'date' and a 'text'"]) { site in
            try site.write(entity("  - 2024\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func anEventSourceIsCheckedLikeAnyOther() async throws {
        try await expectFailure(["Content/entities/russia.md:9:14: error: a source's url must start with https:// or http://"]) { site in
            try site.write(entity("  - date: 2024\n    text: نص.\n    sources:\n      - title: t\n        url: \"javascript:alert(1)\"\n"),
                           to: "Content/entities/russia.md")
        }
        try await expectFailure(["Content/entities/russia.md:8:9: error: each source needs a 'title' and a 'url'"]) { site in
            try site.write(entity("  - date: 2024\n    text: نص.\n    sources:\n      - title: t\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func anUnknownLinkInAnEventTextPointsAtItsLine() async throws {
        try await expectFailure(["Content/entities/russia.md:6:", "error: unknown entity 'chin'"]) { site in
            try site.write("---\nname: الصين\nkind: country\n---\nدولة.\n", to: "Content/entities/china.md")
            try site.write(entity("  - date: 2024\n    text: \"زيارة إلى [[chin]].\"\n"), to: "Content/entities/russia.md")
        }
    }

    @Test func aNoteEventIsCheckedToo() async throws {
        try await expectFailure(["Content/annotations/treaty-note.md:5:11: error: '24-06-2024' is not a valid date for an event"]) { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\nevents:\n  - text: نص.\n    date: 24-06-2024\n---\nنص.\n", to: "Content/annotations/treaty-note.md")
        }
    }
}
