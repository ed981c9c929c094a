import Foundation
import Testing
@testable import DossierCore

/// Symbolic links in `Content/` and `Templates/` may not lead out of them: the build would read,
/// and publish, whatever file they name.
@Suite struct ContainedLinkTests {
    func expectFailure(_ expected: [String], _ change: (InlineSite) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectFailingRebuild(expected, change, sourceLocation: sourceLocation)
    }

    @Test func aContentLinkToAFileOutsideIsRefused() async throws {
        try await expectFailure(["Content/entities/secret.md:1:1: error: this symbolic link leads out of", "copy the file into the folder"]) { site in
            try site.write("---\nname: سر\nkind: concept\n---\nكلمة السر.\n", to: "private/secret.md")
            try FileManager.default.createSymbolicLink(at: site.content.appendingPathComponent("entities/secret.md"),
                                                       withDestinationURL: site.root.appendingPathComponent("private/secret.md"))
        }
    }

    @Test func aContentFolderLinkedFromOutsideIsRefused() async throws {
        try await expectFailure(["Content/annotations:", "error: this symbolic link leads out of"]) { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\n---\nنص.\n", to: "private/note.md")
            try FileManager.default.createSymbolicLink(at: site.content.appendingPathComponent("annotations"),
                                                       withDestinationURL: site.root.appendingPathComponent("private"))
        }
    }

    @Test func aSymbolicLinkLoopIsAClearError() async throws {
        try await expectFailure(["Content/entities/loop.md:1:1: error: this symbolic link leads round in a loop"]) { site in
            try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("entities/loop.md").path, withDestinationPath: "loop.md")
        }
    }

    @Test func aTemplateOrAssetLinkToAFileOutsideIsRefused() async throws {
        try await expectFailure(["Templates/assets/passwd.css:1:1: error: this symbolic link leads out of"]) { site in
            try FileManager.default.createSymbolicLink(atPath: site.templates.appendingPathComponent("assets/passwd.css").path, withDestinationPath: "/etc/passwd")
        }
        try await expectFailure(["Templates/partials/extra.mustache:1:1: error: this symbolic link leads out of"]) { site in
            try site.write("<p>{{site.title}}</p>", to: "elsewhere/extra.mustache")
            try FileManager.default.createSymbolicLink(at: site.templates.appendingPathComponent("partials/extra.mustache"),
                                                       withDestinationURL: site.root.appendingPathComponent("elsewhere/extra.mustache"))
        }
    }

    @Test func aLinkThatStaysInsideTheFolderIsFine() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        try site.write(InlineSite.northKorea, to: "Content/shared/north-korea.md")
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("entities/north-korea.md"))
        try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("entities/north-korea.md").path, withDestinationPath: "../shared/north-korea.md")
        guard case .success = await site.build() else { Issue.record("a link inside Content/ was refused"); return }
        #expect(try site.read("entities/north-korea.html").contains("كوريا الشمالية"))
    }
}
