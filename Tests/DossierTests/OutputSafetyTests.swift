import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierCache
@testable import DossierWriting

/// Nothing of an editor's is lost: the output folder is resolved before anything is removed, only
/// files a build wrote are ever removed, the site is published all or nothing, and two builds into
/// one folder take turns.
@Suite struct OutputSafetyTests {
    func expectRefused(_ site: InlineSite, into output: URL, cache: URL? = nil, _ expected: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let content = try snapshot(site.content), templates = try snapshot(site.templates)
        do {
            _ = try await site.pipeline.build(into: output, cache: cache.map { BuildCache(directory: $0) })
            Issue.record("the build was not refused", sourceLocation: sourceLocation)
        } catch let failure as BuildFailure {
            for text in expected {
                #expect(failure.description.contains(text), "missing «\(text)» in:\n\(failure)", sourceLocation: sourceLocation)
            }
            #expect(failure.description.contains("hint:"), sourceLocation: sourceLocation)
        }
        #expect(try snapshot(site.content) == content, "Content/ changed", sourceLocation: sourceLocation)
        #expect(try snapshot(site.templates) == templates, "Templates/ changed", sourceLocation: sourceLocation)
    }

    // MARK: Where the site may go

    @Test func anOutputLinkToTheContentFolderIsRefused() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        let link = site.root.appendingPathComponent("site-out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.content)
        try await expectRefused(site, into: link, ["error: refusing to write the site here (it leads to ", "/Content)"])
    }

    @Test func anOutputLinkToTheRootIsRefused() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        let link = site.root.appendingPathComponent("root-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/")
        try await expectRefused(site, into: link.appendingPathComponent("."), ["error: refusing to write the site here (it leads to /)"])
    }

    @Test func anOutputInsideTheTemplatesThroughALinkIsRefused() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        let link = site.root.appendingPathComponent("themes")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.templates)
        try await expectRefused(site, into: link.appendingPathComponent("assets/out"), ["error: refusing to write the site here"])
    }

    @Test func aCacheInsideTheContentOrTemplatesIsRefused() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try await expectRefused(site, into: site.output, cache: site.content.appendingPathComponent(".cache"),
                                ["Content/.cache: error: the build cache folder is inside the content folder"])
        try await expectRefused(site, into: site.output, cache: site.templates.appendingPathComponent("assets/cache"),
                                ["Templates/assets/cache: error: the build cache folder is inside the templates folder"])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func anOutputPathThatIsAFileIsAnEditorError() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try site.write("not a folder", to: "Public")
        try await expectRefused(site, into: site.output, ["/Public: error: the output path is a file, not a folder"])
        try await expectRefused(site, into: site.output.appendingPathComponent("inner"),
                                ["/Public: error: cannot create the output folder: not a directory", "a file stands where the site needs a folder"])
    }

    @Test func writeFailuresReadLikeAPersonWroteThem() {
        let denied = WriteFailure.diagnostic("Public", doing: "write into the output folder", errno: EACCES)
        #expect(denied.description == "Public: error: cannot write into the output folder: permission denied\n    hint: make the folder writable for you (chmod u+w), or pass --output with a folder you can write")
        for code in [EROFS, ENOSPC, EIO, EISDIR] {
            let d = WriteFailure.diagnostic("Public/x.html", doing: "write this file", errno: code)
            #expect(!d.description.contains("Domain") && d.hint != nil)
        }
    }

    // MARK: Only what a build wrote is ever removed

    @Test func filesNoBuildWroteAreLeftAloneAndNotedOnce() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        try site.write("dossier.example.org\n", to: "Public/CNAME")
        try site.write("Contact: mailto:desk@example.org\n", to: "Public/.well-known/security.txt")
        try site.write("Deny from none\n", to: "Public/entities/.htaccess")
        guard case .success(let second) = await site.build() else { Issue.record("build failed"); return }
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("CNAME").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(".well-known/security.txt").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/.htaccess").path))
        let notes = second.warnings.filter { $0.severity == .note }
        #expect(notes.count == 1)
        #expect(notes.first?.description.contains("/Public: note: left alone 3 files that dossier did not write: .well-known/security.txt, CNAME, entities/.htaccess") == true,
                "\(notes)")
        #expect(second.written?.removed == 0)
        guard case .success(let third) = await site.build() else { Issue.record("build failed"); return }
        #expect(third.warnings.isEmpty, "said once: \(third.warnings)")
    }

    @Test func aFolderThatIsNeitherEmptyNorADossierOutputIsRefusedUnlessForced() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try site.write("my notes", to: "Public/notes.txt")
        try await expectRefused(site, into: site.output, ["/Public: error: this folder is not empty and no dossier build wrote it", "--force"])
        #expect(try snapshot(site.output) == ["notes.txt": Data("my notes".utf8)])
        let summary = try await site.pipeline.build(into: site.output, force: true)
        #expect(try site.read("notes.txt") == "my notes")
        #expect(try site.read("index.html").contains("<html"))
        #expect(summary.warnings.contains { $0.severity == .note && $0.summary.contains("notes.txt") })
        // Once written, the folder is a Dossier output: no --force needed.
        guard case .success = await site.build() else { Issue.record("the second build was refused"); return }
    }

    @Test func filesAnEarlierBuildWroteGoWithTheFoldersTheyLeaveEmpty() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        // As if an earlier build had written old/deeper/page.html.
        try site.write("old", to: "Public/old/deeper/page.html")
        let manifest = site.output.appendingPathComponent(SiteManifest.fileName)
        try (try String(contentsOf: manifest, encoding: .utf8) + "old/deeper/page.html\n").write(to: manifest, atomically: true, encoding: .utf8)
        guard case .success(let summary) = await site.build() else { Issue.record("build failed"); return }
        #expect(summary.written?.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("old").path))
    }

    @Test func aManifestNamingPathsOutsideTheFolderRemovesNothingThere() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        try site.write("keep", to: "elsewhere/keep.txt")
        try FileManager.default.createSymbolicLink(at: site.output.appendingPathComponent("linked"), withDestinationURL: site.root.appendingPathComponent("elsewhere"))
        let manifest = site.output.appendingPathComponent(SiteManifest.fileName)
        let extra = ["../Content/site.yml", "/etc/hostname", "linked/keep.txt", "./index.html"].joined(separator: "\n")
        try (try String(contentsOf: manifest, encoding: .utf8) + extra + "\n").write(to: manifest, atomically: true, encoding: .utf8)
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(FileManager.default.fileExists(atPath: site.content.appendingPathComponent("site.yml").path))
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("elsewhere/keep.txt").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path))
    }

    @Test func aSiteFolderThatIsALinkIsNeverWrittenThrough() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: site.output.appendingPathComponent("entities"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: site.output.appendingPathComponent("entities"), withDestinationURL: elsewhere)
        try site.write(InlineSite.siteYML.replacingOccurrences(of: "ملف تجريبي", with: "ملف جديد"), to: "Content/site.yml")
        let before = try snapshot(elsewhere), publicBefore = try snapshot(site.output)
        try await expectRefused(site, into: site.output, ["Public/entities: error: this folder of the site is a symbolic link"])
        #expect(try snapshot(elsewhere) == before)
        #expect(try snapshot(site.output) == publicBefore)
    }

    // MARK: All or nothing

    @Test func aFileThatCannotBeWrittenLeavesThePreviousSiteWhole() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        let before = try snapshot(site.output)
        // Every page changes with the title; one new page cannot be written where a folder stands.
        try site.write(InlineSite.siteYML.replacingOccurrences(of: "ملف تجريبي", with: "ملف جديد"), to: "Content/site.yml")
        try site.write("---\nname: الصين\nkind: country\n---\nنص.\n", to: "Content/entities/china.md")
        try FileManager.default.createDirectory(at: site.output.appendingPathComponent("entities/china.html/in-the-way"), withIntermediateDirectories: true)
        let failure = await site.build()
        guard case .failure(let report) = failure else { Issue.record("the build passed"); return }
        #expect(report.description.contains("Public/entities/china.html: error: cannot write this file: is a directory"), "\(report)")
        #expect(try snapshot(site.output) == before, "a page of the new site was published")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(PublishJournal.stagingName).path))
    }

    @Test func aBuildKilledBeforeItsJournalLeavesTheOldSiteAndTheNextBuildClearsIt() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        // What a killed build leaves after staging two files and no journal.
        try site.write("<half", to: "Public/\(PublishJournal.stagingName)/0")
        try site.write("<half", to: "Public/\(PublishJournal.stagingName)/7")
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(PublishJournal.stagingName).path))
        #expect(!(try snapshot(site.output).values.contains(Data("<half".utf8))))
    }

    @Test func aBuildKilledDuringTheSwitchIsFinishedByTheNextEvenAFailingOne() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { Issue.record("build failed"); return }
        // A journal whose first step was done: the second rename and the removal remain.
        try site.write("new cover", to: "Public/\(PublishJournal.stagingName)/2")
        try site.write("gone", to: "Public/stale.html")
        let steps: [PublishJournal.Step] = [.put(staged: "1", path: "404.html"), .put(staged: "2", path: "index.html"), .remove("stale.html")]
        try site.write(PublishJournal.text(of: steps), to: "Public/\(PublishJournal.stagingName)/\(PublishJournal.journalName)")
        try site.write("---\nname: روسيا\nkind: contry\n---\n", to: "Content/entities/russia.md")
        guard case .failure = await site.build() else { Issue.record("the build passed"); return }
        #expect(try site.read("index.html") == "new cover")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("stale.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(PublishJournal.stagingName).path))
    }

    @Test func journalsRoundTripAndRefuseUnsafePaths() {
        let steps: [PublishJournal.Step] = [.put(staged: "0", path: "entities/a b.html"), .remove("old/x.html"), .put(staged: "manifest", path: ".dossier-manifest")]
        #expect(PublishJournal.steps(from: PublishJournal.text(of: steps)) == steps)
        #expect(PublishJournal.steps(from: PublishJournal.header + "\nremove ../Content/site.yml\n") == nil)
        #expect(PublishJournal.steps(from: PublishJournal.header + "\nput 0 /etc/passwd\n") == nil)
        #expect(PublishJournal.steps(from: "put 0 index.html\n") == nil)
    }

    // MARK: One build at a time

    @Test func aSecondBuildIntoTheSameFolderWaitsForTheFirst() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        // Another build holds the folder.
        let held = open(site.output.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(held, LOCK_EX) == 0)
        let messages = Messages()
        let build = Task { try await site.pipeline.build(into: site.output, waiting: { messages.append($0) }) }
        // The build says it waits before it blocks on the lock; polled, with room for a loaded machine.
        for _ in 0..<600 where messages.all.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(messages.all == ["waiting for another build into Public to finish…"] || messages.all.first?.hasPrefix("waiting for another build into ") == true, "\(messages.all)")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path), "built while the folder was held")
        close(held)
        _ = try await build.value
        #expect(try site.read("index.html").contains("<html"))
    }
}

/// Messages collected from another task.
final class Messages: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
