import Foundation
import Testing
@testable import DossierCore

/// `dossier new annotation`: the quote is checked as the build anchors it, the entities of its
/// paragraph are filled in, and nothing is written when anything is wrong.
@Suite struct NewAnnotationTests {
    /// The report of a draft that must fail.
    static func failure(_ body: () throws -> Draft) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func quoteFoundWritesTheNoteWithTheEntitiesOfItsParagraph() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let draft = try NewAnnotation(id: "treaty-level", quote: "المعاهدة مع روسيا", kind: "analysis").draft(in: content)
        try content.write(draft)
        #expect(draft.path.hasSuffix("Content/annotations/treaty-level.md"))
        // Russia is in the quote, North Korea around it: the quote's entities come first.
        let written = try String(contentsOf: site.content.appendingPathComponent("annotations/treaty-level.md"), encoding: .utf8)
        #expect(written == """
            ---
            quote: "المعاهدة مع روسيا"
            article: treaty
            entities: [russia, north-korea]
            kind: analysis
            lang: ar
            ---

            """)
        // The build takes the file as it is.
        guard case .success = await site.build() else { Issue.record("the site with the new note does not build"); return }
        #expect(try site.read("articles/treaty.html").contains("treaty-level"))
    }

    @Test func entitiesLinkedWithDoubleBracketsCountAsMentioned() throws {
        let article = "---\ntitle: \"مقال\"\nsource: \"«مصدر»\"\n---\n\nقالت [[north-korea|الجارة]] إن المعاهدة مع روسيا نافذة، وإن [[!روسيا]] لم ترد.\n"
        let site = try InlineSite(["articles/treaty.md": article])
        defer { site.remove() }
        let draft = try NewAnnotation(id: "neighbour", quote: "المعاهدة مع روسيا").draft(in: try EditorContent(contentDirectory: site.content))
        #expect(draft.text.contains("\nentities: [russia, north-korea]\n"), "\(draft.text)")
    }

    @Test func quoteNotFoundPrintsTheClosestPassageAndWritesNothing() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let report = Self.failure { try NewAnnotation(id: "treaty-level", quote: "المعاهدة ضد روسيا").draft(in: content) }
        let text = try #require(report)
        #expect(text.contains("annotations/treaty-level.md: error: the quote is not in"), "\(text)")
        #expect(text.contains("hint: the closest passage is «المعاهدة مع روسيا»; they differ after «المعاهدة »"), "\(text)")
        #expect(text.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: site.content.appendingPathComponent("annotations").path))
    }

    @Test func anAmbiguousQuoteIsRefused() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let text = try #require(Self.failure { try NewAnnotation(id: "twice", quote: "وإن").draft(in: content) })
        #expect(text.contains("error: the quote occurs 2 times in"), "\(text)")
    }

    @Test func anExistingIDOrFileIsRefusedAndLeftAlone() throws {
        let existing = "---\nquote: \"ترفع العلاقة\"\n---\nملاحظة.\n"
        let site = try InlineSite(["annotations/level.md": existing])
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let noteReport = try #require(Self.failure { try NewAnnotation(id: "level", quote: "المعاهدة مع روسيا").draft(in: content) })
        #expect(noteReport.contains("error: the id 'level' is already used by"), "\(noteReport)")
        #expect(try String(contentsOf: site.content.appendingPathComponent("annotations/level.md"), encoding: .utf8) == existing)
        // Ids are unique across the dossier: an entity's is taken too.
        let entityReport = try #require(Self.failure { try NewAnnotation(id: "russia", quote: "المعاهدة مع روسيا").draft(in: content) })
        #expect(entityReport.contains("error: the id 'russia' is already used by") && entityReport.contains("entities/russia.md"), "\(entityReport)")
        #expect(!FileManager.default.fileExists(atPath: site.content.appendingPathComponent("annotations/russia.md").path))
        // An entity file that does not load still holds its id.
        try site.write("---\nname: [\n---\n", to: "Content/entities/broken.md")
        let reloaded = try EditorContent(contentDirectory: site.content)
        let brokenReport = try #require(Self.failure { try NewAnnotation(id: "broken", quote: "المعاهدة مع روسيا").draft(in: reloaded) })
        #expect(brokenReport.contains("error: the id 'broken' is already used by") && brokenReport.contains("entities/broken.md"), "\(brokenReport)")
    }

    @Test func anInvalidIDUnknownKindAndUnknownArticleAreAllReported() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let text = try #require(Self.failure {
            try NewAnnotation(id: "Level_1", quote: "المعاهدة مع روسيا", article: "treat", kind: "contxt").draft(in: content)
        })
        #expect(text.contains("error: 'Level_1' is not a valid id"), "\(text)")
        #expect(text.contains("hint: ids are file names of lowercase ASCII letters, digits and single hyphens; for example 'level-1'"))
        #expect(text.contains("error: unknown annotation kind 'contxt'") && text.contains("hint: did you mean 'context'?"))
        #expect(text.contains("error: unknown article 'treat'") && text.contains("hint: did you mean 'treaty'?"))
        #expect(text.contains("3 errors; nothing was written."))
    }

    @Test func theArticleMustBeNamedWhenThereAreSeveral() throws {
        let site = try InlineSite(["articles/second.md": "---\ntitle: ثان\nsource: مصدر\n---\nنص آخر عن روسيا.\n"])
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let text = try #require(Self.failure { try NewAnnotation(id: "note", quote: "نص آخر").draft(in: content) })
        #expect(text.contains("error: the dossier has 2 articles: name one") && text.contains("--article with one of: second, treaty"), "\(text)")
        let draft = try NewAnnotation(id: "note", quote: "نص آخر", article: "second").draft(in: content)
        #expect(draft.text.contains("article: second\nentities: [russia]\n"), "\(draft.text)")
    }
}
