import Foundation

/// Where each page of a dossier is written and how its parts are anchored: the one owner of the
/// site's URL scheme. Linking (links to entities, quote and note anchors), page contexts, the
/// sitemap and the output paths all ask here; templates receive the results as fields (`url`,
/// `anchor`, `ref_anchor`), never build them.
///
/// Every page lies at the root or one folder down, and every link between pages is relative and
/// goes through the root: `url(_:from:)`, the way back to the root (`root(of:)`) and the target's
/// path. So the site works under any sub-path and opened from disk, and a link (to an entity, to a
/// quote) reads the same from every page one folder down: notes and entity links are made once and
/// shared by article, entity and annotation index pages.
public enum SiteLayout {
    // MARK: Pages, relative to the output folder

    public static let cover = "index.html"
    public static let entityIndex = "entities/index.html"
    public static let notFound = "404.html"
    public static let sitemap = "sitemap.xml"
    /// The chronology, one folder down like the pages whose linked text it shares.
    public static let chronology = "chronology/index.html"
    /// The Atom feed of the annotations, written only when the site has a `base_url`.
    public static let feed = "feed.xml"

    public static func article(_ id: String) -> String { "articles/\(id).html" }
    public static func entity(_ id: String) -> String { "entities/\(id).html" }

    /// Page `page` (from 0) of the annotation index.
    public static func annotationIndex(page: Int) -> String {
        page == 0 ? "annotations/index.html" : "annotations/page-\(page + 1).html"
    }

    /// The way from the page at `path` back to the output folder's root: `""` or `"../"`.
    public static func root(of path: String) -> String {
        String(repeating: "../", count: path.utf8.lazy.filter { $0 == UInt8(ascii: "/") }.count)
    }

    /// The link from the page at `page` to the file at `target` (both relative to the output folder),
    /// with `fragment` (an anchor in it) when given.
    public static func url(_ target: String, from page: String, fragment: String? = nil) -> String {
        root(of: page) + target + (fragment.map { "#" + $0 } ?? "")
    }

    /// A page one folder down, for links made once for all of them (Markdown's links to entities:
    /// article text, descriptions and notes are shown only on such pages).
    public static let pageOneFolderDown = article("_")

    // MARK: Anchors inside a page

    /// An article block: headings `s1`, `s2`…, other blocks `p1`, `p2`… in reading order.
    public static func blockAnchor(heading: Bool, number: Int) -> String { (heading ? "s" : "p") + String(number) }
    /// The highlighted quote of annotation `id` in its article.
    public static func quoteAnchor(_ id: String) -> String { "q-" + id }
    /// Annotation `id` in the annotation index.
    public static func annotationEntryAnchor(_ id: String) -> String { id }
    /// The annotations of one kind (its raw value) in the annotation index.
    public static func annotationGroupAnchor(_ kind: String) -> String { kind }
    /// The events of one year in the chronology.
    public static func yearAnchor(_ year: Int) -> String { "year-" + String(year) }
    /// The `n`th letter (from 1) of the entity index's list by letter.
    public static func letterAnchor(_ n: Int) -> String { "letter-" + String(n) }
    /// Annotation `id`'s note beside its paragraph.
    public static func noteAnchor(_ id: String) -> String { "note-" + id }
    /// The numbered marker after annotation `id`'s quote, which the note links back to.
    public static func noteReferenceAnchor(_ id: String) -> String { "ref-" + id }
}

extension SiteLayout {
    // MARK: Search

    /// The search results page; the header's search box sends its query here (`?q=`).
    public static let search = "search.html"
    /// The search index's entry point: the normalisation tables, the counts and where the shards start.
    public static let searchIndex = "search/index.js"
    /// Shard `n` of the search index's terms (words and their documents).
    public static func searchTerms(_ n: Int) -> String { searchTermsPattern.replacingOccurrences(of: "{n}", with: String(n)) }
    /// Shard `n` of the search index's documents (the text shown in results).
    public static func searchDocuments(_ n: Int) -> String { searchDocumentsPattern.replacingOccurrences(of: "{n}", with: String(n)) }
    /// The shards' paths with `{n}` for the number: the index tells the page where to find them.
    public static let searchTermsPattern = "search/terms-{n}.js"
    public static let searchDocumentsPattern = "search/docs-{n}.js"
}
