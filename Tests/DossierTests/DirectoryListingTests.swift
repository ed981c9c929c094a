import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// Listing the output folder to find files a build no longer produces.
@Suite struct DirectoryListingTests {
    @Test func listsFilesAndFoldersAtEveryDepthWithoutEnteringLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try "x".write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "x".write(to: root.appendingPathComponent("a/b/page.html"), atomically: true, encoding: .utf8)
        try "x".write(to: root.appendingPathComponent("a/روسيا.html"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: root.appendingPathComponent("a").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("file-link").path, withDestinationPath: "index.html")

        let entries = DirectoryListing.entries(under: root.path).sorted { $0.path < $1.path }
        #expect(entries == [
            .init(path: "a", isDirectory: true),
            .init(path: "a/b", isDirectory: true),
            .init(path: "a/b/page.html", isDirectory: false),
            .init(path: "a/روسيا.html", isDirectory: false),
            .init(path: "empty", isDirectory: true),
            .init(path: "file-link", isDirectory: false, isSymbolicLink: true),
            .init(path: "index.html", isDirectory: false),
            .init(path: "link", isDirectory: true, isSymbolicLink: true),
        ])
        #expect(DirectoryListing.entries(under: root.appendingPathComponent("missing").path).isEmpty)
    }

    /// Names of every length, many to a folder: each is read in place up to its end, never copied
    /// out as the full 256-byte field (which read past short entries, and once past mapped memory).
    @Test func namesOfEveryLengthInOneFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var expected: Set<String> = []
        for length in 1...255 {
            let name = String(repeating: "n", count: length - String(length).count) + String(length)
            try Data().write(to: root.appendingPathComponent(name))
            expected.insert(name)
        }
        #expect(Set(try #require(DirectoryListing.names(in: root.path))) == expected)
        #expect(Set(DirectoryListing.entries(under: root.path).map(\.path)) == expected)
        #expect(DirectoryListing.names(in: root.appendingPathComponent("missing").path) == nil)
    }
}
