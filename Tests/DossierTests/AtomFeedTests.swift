import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DossierCore
@testable import DossierModel

/// The Atom feed of the annotations: written only with a `base_url`, well-formed Atom 1.0 with the
/// required elements, newest note first, every value escaped, and linked from every page's head.
@Suite struct AtomFeedTests {
    static let siteYML = "title: ملف «تجريبي» & آخر\nsubtitle: للاختبار\nlanguage: ar\nbase_url: https://example.org/dossier\n"

    static func note(_ quote: String, date: String?, author: String? = nil, body: String = "ملاحظة.") -> String {
        var front = "quote: \"\(quote)\"\n"
        if let date { front += "date: \"\(date)\"\n" }
        if let author { front += "author: \"\(author)\"\n" }
        return "---\n\(front)---\n\(body)\n"
    }

    static let notes: [String: String?] = [
        "site.yml": siteYML,
        "annotations/older.md": note("أعلن رئيس كوريا الشمالية", date: "2024-06"),
        "annotations/newer.md": note("المعاهدة مع روسيا", date: "2024-12-04", author: "فريق <التحرير> & co",
                                     body: "نص **مهم** عن [[north-korea]] & <script>alert(1)</script>."),
        "annotations/undated-b.md": note("الروسية صفة", date: nil),
        "annotations/undated-a.md": note("لروسيا دوراً", date: nil),
    ]

    static let atom = "http://www.w3.org/2005/Atom"

    func built(_ files: [String: String?] = AtomFeedTests.notes) async throws -> InlineSite {
        let site = try InlineSite(files)
        guard case .success = await site.build() else { site.remove(); throw TestSetupError.firstBuildFailed }
        return site
    }

    /// The children of `element` named `name` in the Atom namespace.
    func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name && $0.uri == Self.atom }
    }

    func child(_ element: XMLElement, _ name: String) -> XMLElement? { children(element, name).first }

    /// An attribute's value, found among all of them (corelibs' `attribute(forName:)` misses some).
    func attribute(_ element: XMLElement?, _ name: String) -> String? {
        element?.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    @Test func theFeedIsWellFormedAtomWithTheRequiredElements() async throws {
        let site = try await built()
        defer { site.remove() }
        let data = try Data(contentsOf: site.output.appendingPathComponent(SiteLayout.feed))
        let document = try XMLDocument(data: data)
        let feed = try #require(document.rootElement())
        #expect(feed.localName == "feed" && feed.uri == Self.atom)
        #expect(child(feed, "id")?.stringValue == "https://example.org/dossier/")
        #expect(child(feed, "title")?.stringValue == "ملف «تجريبي» & آخر")
        #expect(child(feed, "updated")?.stringValue == "2024-12-04T00:00:00Z", "the newest note's date")
        #expect(child(feed, "author").flatMap { child($0, "name") }?.stringValue == "ملف «تجريبي» & آخر")
        let selfLink = children(feed, "link").first { attribute($0, "rel") == "self" }
        #expect(attribute(selfLink, "href") == "https://example.org/dossier/feed.xml")
        let entries = children(feed, "entry")
        #expect(entries.count == 4)
        let stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
        for entry in entries {
            for name in ["id", "title", "updated", "content"] {
                #expect(child(entry, name) != nil, "an entry without \(name)")
            }
            #expect(child(entry, "updated")?.stringValue?.wholeMatch(of: stamp) != nil)
            let href = try #require(attribute(child(entry, "link"), "href"))
            #expect(href.hasPrefix("https://example.org/dossier/articles/treaty.html#note-"))
            #expect(child(entry, "id")?.stringValue == href)
            #expect(attribute(child(entry, "content"), "type") == "html")
        }
    }

    @Test func entriesAreNewestFirstThenUndatedByID() async throws {
        let site = try await built()
        defer { site.remove() }
        let document = try XMLDocument(data: Data(contentsOf: site.output.appendingPathComponent(SiteLayout.feed)))
        let root = try #require(document.rootElement())
        let entries = children(root, "entry")
        let ids = entries.compactMap { child($0, "id")?.stringValue?.components(separatedBy: "#note-").last }
        #expect(ids == ["newer", "older", "undated-a", "undated-b"])
        let updated = entries.compactMap { child($0, "updated")?.stringValue }
        #expect(updated == ["2024-12-04T00:00:00Z", "2024-06-01T00:00:00Z", "2024-12-04T00:00:00Z", "2024-12-04T00:00:00Z"])
    }

    @Test func valuesAreEscapedAndTheNoteTravelsAsEscapedHTML() async throws {
        let site = try await built()
        defer { site.remove() }
        let text = try site.read(SiteLayout.feed)
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<strong>"), "the note's HTML is escaped inside <content>")
        #expect(text.contains("&lt;strong&gt;مهم&lt;/strong&gt;"))
        #expect(text.contains("<name>فريق &lt;التحرير&gt; &amp; co</name>"))
        let document = try XMLDocument(data: Data(text.utf8))
        let root = try #require(document.rootElement())
        let newer = try #require(children(root, "entry").first)
        let content = try #require(child(newer, "content"))
        #expect(content.stringValue?.contains("<strong>مهم</strong>") == true)
        // Relative links in the note resolve against xml:base, one folder down like the note's pages.
        #expect(content.stringValue?.contains("href=\"../entities/north-korea.html\"") == true)
        #expect(content.attribute(forName: "xml:base")?.stringValue?.hasPrefix("https://example.org/dossier/articles/") == true)
    }

    @Test func everyPageLinksTheFeedFromItsHead() async throws {
        let site = try await built()
        defer { site.remove() }
        let link = "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://example.org/dossier/feed.xml\""
        for page in [SiteLayout.cover, SiteLayout.entityIndex, SiteLayout.annotationIndex(page: 0), SiteLayout.notFound,
                     SiteLayout.article("treaty"), SiteLayout.entity("russia")] {
            let html = try site.read(page)
            let head = try #require(html.components(separatedBy: "</head>").first)
            #expect(head.contains(link), "\(page)")
        }
        #expect(try site.read(SiteLayout.sitemap).contains("<loc>https://example.org/dossier/</loc>"))
    }

    @Test func noBaseURLNoFeed() async throws {
        var files = Self.notes
        files["site.yml"] = InlineSite.siteYML
        let site = try await built(files)
        defer { site.remove() }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteLayout.feed).path))
        #expect(!(try site.read(SiteLayout.cover).contains("application/atom+xml")))
    }

    @Test func aFeedWithoutDatedNotesTakesTheArticlesDate() async throws {
        var files: [String: String?] = ["site.yml": Self.siteYML, "annotations/undated-a.md": Self.note("لروسيا دوراً", date: nil)]
        files["articles/treaty.md"] = InlineSite.article.replacingOccurrences(of: "source: \"«مصدر»\"", with: "source: \"«مصدر»\"\npublished: 2024-10-20")
        let site = try await built(files)
        defer { site.remove() }
        let text = try site.read(SiteLayout.feed)
        #expect(text.contains("<updated>2024-10-20T00:00:00Z</updated>"))
        #expect(!text.contains("1970"))
    }
}
