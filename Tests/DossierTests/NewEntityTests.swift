import Foundation
import Testing
@testable import DossierCore
@testable import DossierLoading
@testable import DossierLinking

/// `dossier new entity`: names checked against the other entities as the build checks them, and
/// mentions counted with the linker's matching.
@Suite struct NewEntityTests {
    @Test func aNameOfAnotherEntityIsAWarningAndTheMentionsAreCounted() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let draft = try NewEntity(id: "the-treaty", name: "المعاهدة", kind: "treaty", aliases: ["روسيا", "المعاهدة"]).draft(in: content)
        try content.write(draft)
        let written = try String(contentsOf: site.content.appendingPathComponent("entities/the-treaty.md"), encoding: .utf8)
        #expect(written == """
            ---
            name: المعاهدة
            kind: treaty
            aliases:
              - المعاهدة
              - روسيا
            ---

            """)
        let warnings = draft.warnings.map(\.description)
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("entities/the-treaty.md:6:5: warning: 'روسيا' is already a name of") == true, "\(warnings)")
        #expect(warnings.first?.contains("entities/russia.md") == true)
        // «روسيا» stays Russia's: only «المعاهدة» counts, once.
        #expect(draft.notes.first?.hasSuffix("articles/treaty.md mentions it 1 time") == true, "\(draft.notes)")
        // A taken name written as the name and again among the aliases is said once, at the name.
        let again = try NewEntity(id: "russia-again", name: "روسيا", kind: "country").draft(in: content)
        #expect(again.warnings.map(\.description).count == 1, "\(again.warnings)")
        #expect(again.warnings.first?.description.contains("entities/russia-again.md:2:7: warning: 'روسيا' is already a name of") == true)
    }

    @Test func mentionsAreCountedAsTheLinkerFindsThem() throws {
        // With proclitics (والكرملين, للكرملين) they count; an adjective (الكرملينية) and a heading do not.
        let article = """
        ---
        title: "مقال"
        source: "«مصدر»"
        ---

        قال الكرملين إن المعاهدة نافذة، والكرملين يرحب.

        ## الكرملين

        وأضاف مصدر مقرب للكرملين أن الأوساط الكرملينية راضية.
        """
        let site = try InlineSite(["articles/treaty.md": article])
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let draft = try NewEntity(id: "kremlin", name: "الكرملين", kind: "organization").draft(in: content)
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
        #expect(draft.notes.first?.hasSuffix("mentions it 3 times") == true, "\(draft.notes)")
        // The build counts the same once the file is written.
        try content.write(draft)
        let (loaded, _) = ContentLoader(contentDirectory: site.content).load()
        let (linked, _) = Linker.link(try #require(loaded))
        #expect(linked.entities.first { $0.entity.id == "kremlin" }?.mentionCount == 3)
    }

    @Test func aBadKindOrAShortAliasWritesNothing() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        do {
            _ = try NewEntity(id: "kremlin", name: "الكرملين", kind: "organisation", aliases: ["كر"]).draft(in: content)
            Issue.record("a bad kind was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("error: unknown entity kind 'organisation'") && text.contains("did you mean 'organization'?"), "\(text)")
            #expect(text.contains("error: alias 'كر' is shorter than 3 letters"), "\(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.content.appendingPathComponent("entities/kremlin.md").path))
    }
}
