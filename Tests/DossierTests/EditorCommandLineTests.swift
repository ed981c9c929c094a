import Foundation
import Testing

/// The editing commands as editors run them: exit status, what is printed, what is written.
@Suite struct EditorCommandLineTests {
    let runner = CommandLineTests()

    @Test func newAnnotationPrintsThePathOrExitsOneWritingNothing() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let missing = try runner.run(["new", "annotation", "level", "--quote", "المعاهدة ضد روسيا"], in: site.root)
        #expect(missing.status == 1)
        #expect(missing.err.contains("Content/annotations/level.md: error: the quote is not in Content/articles/treaty.md"), "\(missing.err)")
        #expect(!FileManager.default.fileExists(atPath: site.content.appendingPathComponent("annotations/level.md").path))

        let found = try runner.run(["new", "annotation", "level", "--quote", "المعاهدة مع روسيا"], in: site.root)
        #expect(found.status == 0, "\(found.err)")
        #expect(found.out == "Content/annotations/level.md\n")
        #expect(try runner.run(["check"], in: site.root).status == 0)
    }

    @Test func importedSeedChecksCleanAndSuggestPrintsNotes() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let seed = repositoryRoot.appendingPathComponent("Tests/DossierTests/Fixtures/seed-article.txt").path
        let imported = try runner.run(["import", seed, "--id", "seed"], in: site.root)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out == "Content/articles/seed.md\n")
        try site.write("---\nname: بيونج يانج\nkind: place\n---\n", to: "Content/entities/pyongyang.md")
        let checked = try runner.run(["check", "--suggest"], in: site.root)
        #expect(checked.status == 0, "\(checked.err)")
        #expect(checked.err.contains("Content/articles/seed.md:21:29: note: 'وبيونغ يانغ' is not linked, but it is close to 'بيونج يانج', a name of pyongyang"), "\(checked.err)")
        #expect(checked.out.contains("suggestion"))
    }
}
