import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierLoading
@testable import DossierCache

/// With a build cache, a content file whose bytes are those of a file loaded before is not parsed
/// again; a load is cached only when its archived form reads back equal to it.
@Suite struct LoadCacheTests {
    /// With a build cache, a file loaded before is not parsed again: its record, body included, and
    /// its problems come back as a fresh load gives them; an edited file is loaded afresh.
    @Test func aCachedLoadGivesWhatAFreshLoadGivesAndAnEditedFileIsLoadedAgain() throws {
        let site = try InlineSite(["entities/moscow.md": "---\nname: موسكو\nkind: place\naliases: [\"موسكو\\u2067\"]\n---\nعاصمة.\n",
                                   "entities/bad.md": "---\nname: سيئ\nkind: country\ncolour: red\n---\n"])
        defer { site.remove() }
        let directory = site.root.appendingPathComponent("cache")
        func load(_ cache: BuildCache?) -> (Site?, [String]) {
            let (loaded, diagnostics) = ContentLoader(contentDirectory: site.content, cache: cache).load()
            return (loaded, diagnostics.map(\.description))
        }
        let fresh = load(nil)
        #expect(fresh.1.contains { $0.contains("U+2067") } && fresh.1.contains { $0.contains("colour") }, "\(fresh.1)")
        let first = BuildCache(directory: directory)
        #expect(load(first) == fresh)
        try first.save()
        let second = BuildCache(directory: directory)
        #expect(load(second) == fresh)
        #expect(second.hits > 0 && second.misses == 0, "hits \(second.hits), misses \(second.misses)")
        try second.save()

        try site.write(InlineSite.russia + "\nسطر جديد.\n", to: "Content/entities/russia.md")
        let third = BuildCache(directory: directory)
        let edited = load(third)
        #expect(edited == load(nil))
        #expect(edited.0?.entities.first { $0.id == "russia" }?.markdown.text.contains("سطر جديد.") == true)
        #expect(third.misses == 1, "only the edited file is loaded again")
    }

    /// A record type whose archiving leaves a field out, as one would after a field is added to a
    /// record and not to `ModelArchiving.swift`.
    struct Forgetful: MarkdownRecord {
        static let kind = "forgetful"
        var id: String
        var extra: String
        var markdown: MarkdownSource
        var loadDigests: LoadDigests?

        func archive(into w: inout ArchiveWriter) { w.string(id); w.value(markdown) }

        init(id: String, extra: String, markdown: MarkdownSource) {
            self.id = id
            self.extra = extra
            self.markdown = markdown
        }

        init(from r: inout ArchiveReader) throws {
            self.init(id: try r.string(), extra: "", markdown: try r.value())
        }
    }

    /// Such a load is never cached (a cached load would lose the field); a complete one is.
    @Test func aLoadWhoseArchiveLosesAFieldIsNotCached() {
        let bytes = Array("---\nx: y\n---\nنص.\n".utf8)
        let body = MarkdownSource(utf8: bytes[(bytes.count - "نص.\n".utf8.count)...], firstLine: 4)
        let lossy = Loaded(record: Forgetful(id: "a", extra: "قيمة", markdown: body), diagnostics: [])
        #expect(!CachedLoad(lossy, bytes: bytes).readsBackEqual)
        let complete = Loaded(record: Forgetful(id: "a", extra: "", markdown: body), diagnostics: [.warning("p", "w", hint: "h")])
        let entry = CachedLoad(complete, bytes: bytes)
        #expect(entry.readsBackEqual)
        #expect(entry.restored(from: bytes) == complete, "the body comes back from the file's bytes")
    }

    /// Every record of the real dossier reads back from its archived form as it was loaded, so
    /// every one of its files is cached: a field added to a record and left out of its archiving
    /// fails here (the site stays right, the rebuild slows).
    @Test func everyFileOfTheRealDossierIsCached() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("load-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = BuildCache(directory: folder)
        let (site, _) = ContentLoader(contentDirectory: RealDossierTests.content, cache: first).load()
        let records = try #require(site).articles.count + site!.entities.count + site!.annotations.count
        #expect(first.misses == records, "every record was stored")
        try first.save()
        let second = BuildCache(directory: folder)
        let (again, _) = ContentLoader(contentDirectory: RealDossierTests.content, cache: second).load()
        #expect(again == site)
        #expect(second.hits == records && second.misses == 0)
    }
}
