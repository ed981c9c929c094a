import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading

/// `dossier import`: wire copy made into an article.
@Suite struct WireCopyImportTests {
    static let seedURL = repositoryRoot.appendingPathComponent("Tests/DossierTests/Fixtures/seed-article.txt")
    static let realArticleURL = repositoryRoot.appendingPathComponent("Content/articles/russia-north-korea-treaty.md")

    /// The seed the first dossier was made from imports into the body the real article has,
    /// character for character, with the title, source and highlights of its front matter.
    @Test func theSeedImportsIntoTheRealArticle() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        let seed = try String(contentsOf: Self.seedURL, encoding: .utf8)
        let draft = try WireCopyImport(id: "imported", text: seed).draft(in: content, from: "seed-article.txt")
        try content.write(draft)

        let loader = ContentLoader(contentDirectory: site.content)
        func article(_ url: URL, id: String) throws -> Article {
            let (record, diagnostics) = loader.loadFile(Array(try Data(contentsOf: url)), as: .article, id: id, path: url.lastPathComponent)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            return try #require(record as? Article)
        }
        let imported = try article(draft.url, id: "imported")
        let real = try article(Self.realArticleURL, id: "russia-north-korea-treaty")
        #expect(imported.markdown.text == real.markdown.text)
        #expect(imported.markdown.firstLine == real.markdown.firstLine)
        #expect(imported.title == real.title)
        #expect(imported.source == real.source)
        #expect(imported.highlights == real.highlights)
        // What import cannot know is left for the editor.
        #expect(imported.published == nil && imported.sourceURL == nil)
        #expect(draft.notes.contains { $0.contains("'published'") && $0.contains("'source_url'") })
    }

    @Test func headingsHighlightsSourceLinesAndMarkdownCharacters() throws {
        let text = """
        عنوان الخبر
        فقرة أولى تذكر *النجمة* و[[روسيا]] و# العلامة بين الكلمات في جملة طويلة بما يكفي.
        خلفية
        1. فقرة تبدأ برقم ونقطة، وهي أطول من عنوان بكثير في هذا المثال.
        • أبرز ما في الخبر.
        عن «وكالة الأنباء»
        """
        let parsed = try #require(WireCopyImport.parse(text))
        #expect(parsed.title == "عنوان الخبر")
        #expect(parsed.source == "«وكالة الأنباء»")
        #expect(parsed.highlights == ["أبرز ما في الخبر."])
        #expect(parsed.blocks == [
            "فقرة أولى تذكر \\*النجمة\\* و\\[\\[روسيا\\]\\] و# العلامة بين الكلمات في جملة طويلة بما يكفي.",
            "## خلفية",
            "1\\. فقرة تبدأ برقم ونقطة، وهي أطول من عنوان بكثير في هذا المثال.",
        ])
    }

    @Test func textWithoutASourceIsRefused() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let content = try EditorContent(contentDirectory: site.content)
        do {
            _ = try WireCopyImport(id: "imported", text: "عنوان\nفقرة طويلة بما يكفي لتكون فقرة لا عنواناً في هذا النص القصير.").draft(in: content, from: "wire.txt")
            Issue.record("an article without a source was drafted")
        } catch {
            #expect("\(error)".contains("wire.txt: error: no source found"), "\(error)")
        }
        let draft = try WireCopyImport(id: nil, fileName: "in/wire_copy.txt", text: "عنوان\nفقرة طويلة بما يكفي لتكون فقرة لا عنواناً في هذا النص القصير.",
                                       source: "«مصدر»").draft(in: content, from: "wire.txt")
        #expect(draft.path.hasSuffix("Content/articles/wire-copy.md"))
    }
}
