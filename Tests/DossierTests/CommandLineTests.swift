import Foundation
import Testing

/// The `dossier` command as editors run it: exit status and where the report goes.
@Suite struct CommandLineTests {
    static var binary: URL? {
        let candidates = [".build/debug/dossier", ".build/release/dossier"].map { repositoryRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, out: String, err: String) {
        guard let binary = Self.binary else { throw CommandLineTestError.binaryNotBuilt }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func checkExitsOneWithRelativePathsAndWritesNothing() throws {
        let site = try InlineSite(["entities/russia.md": "---\nname: روسيا\nkind: contry\n---\n"])
        defer { site.remove() }
        let result = try run(["check"], in: site.root)
        #expect(result.status == 1)
        #expect(result.err.contains("Content/entities/russia.md:3:7: error: unknown entity kind 'contry'"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func serveRefusesAnUnsafeSubPathBeforeServing() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let result = try run(["serve", "--port", "0", "--base-path", "/a\"><b/"], in: site.root)
        #expect(result.status == 64, "a usage error")
        #expect(result.err.contains("--base-path '/a\"><b/' may hold only letters"), "\(result.err)")
    }

    @Test func buildWritesPublicAndExitsZero() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.err)")
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("entities/russia.html").path))
    }

    @Test func buildRefusesACacheInsideTheOutputFolder() throws {
        let site = try InlineSite()
        defer { site.remove() }
        let result = try run(["build", "--cache", "Public/.cache"], in: site.root)
        #expect(result.status == 1)
        #expect(result.err.contains("Public/.cache: error: the build cache folder is inside the output folder"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}

enum CommandLineTestError: Error { case binaryNotBuilt }
