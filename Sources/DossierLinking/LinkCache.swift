import DossierMarkdown
import Foundation
import DossierModel
import DossierCache

/// The keys of the linking stage's cached results: each covers every input the result depends on.
struct CacheKeys: Sendable {
    /// Each article's record (front matter and Markdown source, path included).
    let articles: [Digest]
    /// What linking reads of the entities: ids, names and aliases, in order.
    let entities: Digest
    let options: RenderOptions

    init(site: Site, options: RenderOptions, cache: BuildCache) {
        articles = site.articles.map { $0.contentDigest }
        var d = Digester("entity-index")
        d.add(site.entities.count)
        for e in site.entities {
            d.add(e.id); d.add(e.name); d.add(e.aliases.map(\.value)); d.add(e.exclusions.map(\.value))
        }
        entities = d.finish()
        self.options = options
    }

    private func start(_ domain: String) -> Digester {
        var d = Digester(domain)
        d.add(entities)
        d.add(options.allowUnsafeHTML)
        return d
    }

    /// Where a quote lies in an article.
    func anchor(_ article: Int, quote: String) -> Digest {
        var d = start("anchor")
        d.add(articles[article]); d.add(quote)
        return d.finish()
    }

    /// An article linked with these notes placed in it.
    func article(_ article: Int, notes: [Linker.Anchored]) -> Digest {
        var d = start("article")
        d.add(articles[article])
        d.add(notes.count)
        for note in notes {
            d.add(note.annotationID); d.add(note.location.block); d.add(note.location.paragraph); d.add(note.location.range.lowerBound)
            d.add(note.location.range.upperBound); d.add(note.number)
        }
        return d.finish()
    }

    /// The blocks of the article linked under `key`.
    static func blocks(of key: Digest) -> Digest {
        var d = Digester("article-blocks")
        d.add(key)
        return d.finish()
    }

    /// A description or note body (`record` digests the whole entity or annotation).
    func body(_ record: Digest, own: String?) -> Digest {
        var d = start("body")
        d.add(record); d.add(own ?? "\u{0}")
        return d.finish()
    }
}

/// Values made on first use, once, from any thread (an article's anchor text is needed only when
/// some quote in it is not already located by the cache).
final class LazyList<T: Sendable>: @unchecked Sendable {
    private var values: [T?]
    private let locks: [NSLock]
    private let make: @Sendable (Int) -> T

    init(count: Int, _ make: @escaping @Sendable (Int) -> T) {
        values = Array(repeating: nil, count: count)
        locks = (0..<count).map { _ in NSLock() }
        self.make = make
    }

    subscript(i: Int) -> T {
        locks[i].lock()
        defer { locks[i].unlock() }
        if let value = values[i] { return value }
        let value = make(i)
        values[i] = value
        return value
    }

    /// The value, made now if it was not yet, and forgotten: for a value whose last use this is.
    func take(_ i: Int) -> T {
        locks[i].lock()
        defer { locks[i].unlock() }
        let value = values[i] ?? make(i)
        values[i] = nil
        return value
    }
}

extension QuoteAnchor {
    /// Anchors in the plain text of paragraphs, at the top level or in quotations and lists
    /// (headings are never anchored).
    package init(blocks: [Block]) {
        self.init(paragraphs: blocks.enumerated().flatMap { b, block in
            BlockWalk.paragraphs(of: block).enumerated().map { (block: b, paragraph: $0.offset, text: Optional($0.element.plainText)) }
        })
    }
}

extension QuoteAnchor.Outcome: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        switch self {
        case .found(let location):
            w.int(0); w.int(location.block); w.int(location.paragraph); w.int(location.range.lowerBound); w.int(location.range.upperBound)
        case .notFound(let closest):
            w.int(1); w.optional(closest)
        case .ambiguous(let count):
            w.int(2); w.int(count)
        }
    }

    package init(from r: inout ArchiveReader) throws {
        switch try r.int() {
        case 0:
            let block = try r.int(), paragraph = try r.int(), lower = try r.int(), upper = try r.int()
            guard lower <= upper else { throw ArchiveError() }
            self = .found(.init(block: block, paragraph: paragraph, range: lower..<upper))
        case 1: self = .notFound(closest: try r.optional())
        case 2: self = .ambiguous(count: try r.int())
        default: throw ArchiveError()
        }
    }
}

extension Article {
    /// Stands for the record in a cached article result until the caller puts the real one back.
    static let placeholder = Article(id: "", path: "", title: "", source: "", sourceURL: nil, published: nil, language: "",
                                     highlights: [], markdown: MarkdownSource(text: "", firstLine: 1))
}

extension Linker.ArticleResult: Archivable {
    func archive(into w: inout ArchiveWriter) {
        // The article's own record is not stored: the key covers it, and the caller puts it back.
        // The blocks are stored on their own (`LinkedBlocks`), read only for pages rendered again.
        w.digest(article.blocksDigest); w.strings(article.noteIDs); w.value(article.leadText)
        w.int(blockAnchors.count)
        for (id, anchor) in blockAnchors { w.string(id); w.string(anchor) }
        w.strings(wikiTargets)
        mentions.archive(into: &w)
        references.archive(into: &w)
        w.ints(matchedPhrases)
        w.values(diagnostics)
    }

    init(from r: inout ArchiveReader) throws {
        let blocks = ArticleBlocks(digest: try r.digest(), noteIDs: try r.strings(), load: nil)
        self.init(article: LinkedArticle(article: .placeholder, lead: try r.value(), storage: blocks))
        for _ in 0..<(try r.count()) { blockAnchors.append((try r.string(), try r.string())) }
        wikiTargets = try r.strings()
        mentions = try ArticleMentions(from: &r)
        references = try Linker.ArticleReferences(from: &r)
        matchedPhrases = try r.ints()
        diagnostics = try r.values()
    }
}

extension LinkedBlock: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(anchor); w.string(html); w.bool(isHeading); w.strings(annotationIDs)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(anchor: try r.string(), html: try r.string(), isHeading: try r.bool(), annotationIDs: try r.strings())
    }
}

extension DigestedText: Archivable {
    /// The UTF-8 and the digest made with it: read back without being checked or digested again.
    package func archive(into w: inout ArchiveWriter) {
        utf8.withUnsafeBytes { w.utf8($0) }
        w.digest(digest)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(utf8: try r.utf8(), digest: try r.digest())
    }
}

extension Linker.ArticleReferences {
    /// Entities in increasing number, each with the entry of its id and its mentions.
    func archive(into w: inout ArchiveWriter) {
        w.int(mentions.count)
        for e in mentions.keys.sorted() {
            let (ref, indices) = mentions[e]!
            w.int(e); w.int(ref); w.ints(indices)
        }
        w.strings(refersTo)
        w.int(blocks.count)
        for block in blocks { w.ints(block) }
    }

    init(from r: inout ArchiveReader) throws {
        var mentions: [Int: (ref: Int, indices: [Int])] = [:]
        let count = try r.count()
        mentions.reserveCapacity(count)
        for _ in 0..<count {
            let e = try r.int(), ref = try r.int()
            guard e >= 0, ref >= 0 else { throw ArchiveError() }
            mentions[e] = (ref, try r.ints())
        }
        let refersTo = try r.strings()
        var blocks: [[Int]] = []
        for _ in 0..<(try r.count()) { blocks.append(try r.ints()) }
        guard blocks.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { throw ArchiveError() }
        self.init(mentions: mentions, refersTo: refersTo, blocks: blocks)
    }
}

extension ArticleMentions {
    /// As kept in memory, with the sentences' parts as lengths; each entity's digest with the number of
    /// its id in the table.
    func archive(into w: inout ArchiveWriter) {
        w.strings(table); w.ints(refs)
        w.ints((0..<(offsets.count - 1)).map { offsets[$0 + 1] - offsets[$0] })
        storage.bytes.withUnsafeBytes { w.utf8($0) }
        let known = digests.indices.filter { digests[$0] != nil }
        w.int(known.count)
        for i in known { w.int(i); w.digest(digests[i]!) }
    }

    /// Read back and checked to fit together: every number within the table, the parts' lengths
    /// adding up to the text.
    convenience init(from r: inout ArchiveReader) throws {
        let table = try r.strings(), refs = try r.ints(), lengths = try r.ints(), text = try r.utf8()
        let count = refs.count / 3
        guard refs.count == count * 3, lengths.count == count * 3, refs.allSatisfy({ table.indices.contains($0) }),
              lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, +) == text.count else { throw ArchiveError() }
        var offsets = [0]
        offsets.reserveCapacity(lengths.count + 1)
        for length in lengths { offsets.append(offsets[offsets.count - 1] + length) }
        var digests = [Digest?](repeating: nil, count: table.count)
        for _ in 0..<(try r.count()) {
            let i = try r.int()
            guard table.indices.contains(i) else { throw ArchiveError() }
            digests[i] = try r.digest()
        }
        self.init(table: table, refs: refs, offsets: offsets, storage: Excerpt.Storage(text), digests: digests)
    }
}

/// An article's linked blocks, cached apart from the rest of its linking result.
struct LinkedBlocks: Archivable, Sendable {
    var blocks: [LinkedBlock]

    func archive(into w: inout ArchiveWriter) { w.values(blocks) }

    init(_ blocks: [LinkedBlock]) { self.blocks = blocks }

    init(from r: inout ArchiveReader) throws { blocks = try r.values() }
}

extension Linker.BodyResult: Archivable {
    /// The HTML as its UTF-8 and digest: read back without being checked as UTF-8 again or digested.
    func archive(into w: inout ArchiveWriter) {
        w.value(html); w.strings(targets); w.ints(phrases); w.values(diagnostics)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(html: try r.value(), targets: try r.strings(), phrases: try r.ints(),
                  diagnostics: try r.values())
    }
}
