import Foundation
import Testing
@testable import DossierCore

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
            .init(path: "file-link", isDirectory: false),
            .init(path: "index.html", isDirectory: false),
            .init(path: "link", isDirectory: true),
        ])
        #expect(DirectoryListing.entries(under: root.appendingPathComponent("missing").path).isEmpty)
    }
}
