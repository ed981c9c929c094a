import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// `dossier check --suggest`: near misses of names and repeated phrases no entity names.
@Suite struct ContentSuggestionsTests {
    static let pyongyang = "---\nname: بيونغ يانغ\nkind: place\n---\n"
    static let ukraine = "---\nname: أوكرانيا\nkind: country\n---\n"

    static func article(_ paragraphs: String) -> String {
        "---\ntitle: \"مقال\"\nsource: \"«مصدر»\"\n---\n\n" + paragraphs + "\n"
    }

    func suggestions(_ files: [String: String?]) throws -> [Diagnostic] {
        let site = try InlineSite(files)
        defer { site.remove() }
        return ContentSuggestions.find(in: try EditorContent(contentDirectory: site.content))
    }

    @Test func aPlantedNearMissIsReportedWhereItIs() throws {
        let notes = try suggestions([
            "entities/pyongyang.md": Self.pyongyang,
            "articles/treaty.md": Self.article("العلاقات بين موسكو وبيونج يانج متوترة، لكن بيونغ يانغ تنفي ذلك."),
        ])
        #expect(notes.count == 1, "\(notes)")
        let note = try #require(notes.first)
        #expect(note.severity == .note)
        #expect(note.description.hasSuffix("""
            articles/treaty.md:6:20: note: 'وبيونج يانج' is not linked, but it is close to 'بيونغ يانغ', a name of pyongyang
                hint: if it means pyongyang, add 'بيونج يانج' to 'aliases' in \(note.path.replacingOccurrences(of: "articles/treaty.md", with: "entities/pyongyang.md")) (or correct the spelling); if it names someone or something else: dossier new entity <id> --name "بيونج يانج" --kind place
            """), "\(note.description)")
    }

    @Test func exactMatchesAndInflectionsAreNotReported() throws {
        let notes = try suggestions([
            "entities/pyongyang.md": Self.pyongyang,
            "entities/ukraine.md": Self.ukraine,
            // Names as written, with proclitics, and an adjective's form one letter from أوكرانيا.
            "articles/treaty.md": Self.article("زار وفد بيونغ يانغ ثم وبيونغ يانغ وأوكرانيا، والحكومة أوكرانية التوجه."),
        ])
        #expect(notes.isEmpty, "\(notes)")
    }

    @Test func aPhraseRepeatedInTheArticleAndANoteIsReportedUntilAnEntityNamesIt() throws {
        let article = Self.article("نشرت مجلة ناشيونال إنترست تحليلاً عن روسيا.\n\nوبحسب ناشيونال إنترست فإن المعاهدة مهمة.")
        let note = "---\nquote: \"تحليلاً عن روسيا\"\n---\nتحليل ناشيونال إنترست منشور.\n"
        let notes = try suggestions(["articles/treaty.md": article, "annotations/analysis.md": note])
        let repeated = notes.filter { $0.summary.contains("no entity has this name") }
        #expect(repeated.count == 1, "\(notes)")
        #expect(repeated.first?.description.contains("articles/treaty.md:6:11: note: 'ناشيونال إنترست' occurs 2 times in the articles and 1 in the notes") == true, "\(notes)")
        #expect(repeated.first?.hint?.contains("dossier new entity <id> --name \"ناشيونال إنترست\" --kind <kind>") == true)
        // Once an entity names it, nothing is suggested; without the note, neither.
        let named = try suggestions(["articles/treaty.md": article, "annotations/analysis.md": note,
                                     "entities/the-national-interest.md": "---\nname: ناشيونال إنترست\nkind: organization\n---\n"])
        #expect(named.isEmpty, "\(named)")
        #expect(try suggestions(["articles/treaty.md": article]).isEmpty)
    }

    @Test func theRealDossierHasNoSuggestionAndTwoRunsAgree() throws {
        let content = try EditorContent(contentDirectory: repositoryRoot.appendingPathComponent("Content"))
        let first = ContentSuggestions.find(in: content)
        #expect(first == ContentSuggestions.find(in: content))
        #expect(first.isEmpty, "\(first.map(\.description))")
    }
}
