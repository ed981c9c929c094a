import Foundation
import Testing
@testable import DossierCore
@testable import DossierCache

/// A cache damaged under a running build costs speed, never a crash.
@Suite struct CacheDamageTests {
    @Test func shardFilesCutShortWhileABuildRunsAreNoCrash() async throws {
        let site = try InlineSite(IncrementalBuildTests.notes)
        defer { site.remove() }
        try await IncrementalBuildTests.buildBoth(site)
        let folder = site.root.appendingPathComponent("cache")
        // The cache is opened (as `dossier build` opens it first), then another program truncates
        // every shard file in place before the build reads its entries.
        let cache = BuildCache(directory: folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("entries-") {
            #expect(truncate(folder.appendingPathComponent(name).path, 0) == 0)
        }
        try site.write("---\nquote: \"المعاهدة مع روسيا\"\n---\nملاحظة أخرى.\n", to: "Content/annotations/treaty-note.md")
        _ = try await site.pipeline.build(into: site.output, cache: cache)
        let clean = site.root.appendingPathComponent("Clean")
        _ = try await site.pipeline.build(into: clean)
        #expect(try snapshot(site.output) == snapshot(clean))
    }
}
