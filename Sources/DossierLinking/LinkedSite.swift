import Foundation
import DossierMarkdown
import DossierModel

/// The site after linking: bodies rewritten with links, highlights and note markers, and every
/// cross-reference resolved. Rendering reads only this.
public struct LinkedSite: Sendable {
    public var config: SiteConfig
    public var articles: [LinkedArticle]
    public var entities: [LinkedEntity]
    public var annotations: [LinkedAnnotation]
    /// Every dated event, in the chronology's order (`Linker.linkEvents`).
    public var events: [LinkedEvent] = []

    /// Written out here and on the other linked values that Rendering makes (`SpecimenSite`): a
    /// synthesized memberwise initializer is internal to this module.
    package init(config: SiteConfig, articles: [LinkedArticle], entities: [LinkedEntity], annotations: [LinkedAnnotation],
                 events: [LinkedEvent] = []) {
        self.config = config
        self.articles = articles
        self.entities = entities
        self.annotations = annotations
        self.events = events
    }
}

/// One row of the chronology: an event of an entity or annotation, or an entity's own `date`.
public struct LinkedEvent: Sendable {
    /// The entity or annotation whose front matter holds it.
    public var owner: PageReference
    public var date: String
    /// The text, linked and rendered; nil for an entity's own `date`, which shows its name and summary.
    var text: DigestedText?
    public var html: String { text?.string ?? "" }
    /// The entities it names: for an entity, itself first; for a note, those it lists; then those
    /// its text links or mentions, each once.
    public var entityIDs: [String]
    public var sources: [SourceReference]
    /// The entity's own `date` field rather than an item of `events`.
    public var isEntityDate: Bool { text == nil }

    package init(owner: PageReference, date: String, text: DigestedText? = nil, entityIDs: [String], sources: [SourceReference]) {
        self.owner = owner
        self.date = date
        self.text = text
        self.entityIDs = entityIDs
        self.sources = sources
    }
}

/// A page that refers to an entity, for "linked from" lists.
public struct PageReference: Sendable, Hashable, Comparable {
    public enum Kind: Int, Sendable, Hashable { case article, entity, annotation }
    public var kind: Kind
    public var id: String

    public static func < (a: PageReference, b: PageReference) -> Bool {
        (a.kind.rawValue, a.id) < (b.kind.rawValue, b.id)
    }

    package init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// One top-level block of an article with its stable anchor and the notes shown beside it.
public struct LinkedBlock: Sendable, Hashable {
    public var anchor: String
    /// The linked block as an HTML fragment.
    public var html: String
    public var isHeading: Bool
    /// Ids of the annotations anchored in this block, in reading order.
    public var annotationIDs: [String]

    package init(anchor: String, html: String, isHeading: Bool, annotationIDs: [String]) {
        self.anchor = anchor
        self.html = html
        self.isHeading = isHeading
        self.annotationIDs = annotationIDs
    }
}

public struct LinkedArticle: Sendable, Hashable {
    public var article: Article
    /// Plain text of the first paragraph, for the cover; made on each use from `leadText`.
    public var lead: String {
        get { leadText.string }
        set { leadText = DigestedText(newValue) }
    }
    package var leadText: DigestedText
    /// The article's blocks, linked and rendered. After linking they are in memory; when linking
    /// came from the build cache they stay there until a page reads them.
    public var blocks: [LinkedBlock] {
        get { storage.blocks }
        set { storage = ArticleBlocks(newValue) }
    }
    /// A digest of every block: equal digests, equal blocks.
    package var blocksDigest: Digest { storage.digest }
    /// The notes shown beside the blocks, in reading order.
    package var noteIDs: [String] { storage.noteIDs }
    var storage: ArticleBlocks

    public init(article: Article, blocks: [LinkedBlock], lead: String) {
        self.init(article: article, lead: DigestedText(lead), storage: ArticleBlocks(blocks))
    }

    init(article: Article, lead: DigestedText, storage: ArticleBlocks) {
        self.article = article
        self.leadText = lead
        self.storage = storage
    }

    public static func == (a: LinkedArticle, b: LinkedArticle) -> Bool {
        a.article == b.article && a.leadText == b.leadText && a.blocksDigest == b.blocksDigest
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(article); hasher.combine(leadText); hasher.combine(blocksDigest)
    }
}

/// An article's blocks: in memory, or in the build cache with what pages need to know without them
/// (their digest and the notes beside them). Never changed once made.
final class ArticleBlocks: @unchecked Sendable {
    let noteIDs: [String]
    private let stored: [LinkedBlock]?
    private let load: (@Sendable () -> [LinkedBlock])?
    /// Computed on first use for blocks in memory (only builds with a cache use it); given for the others.
    private var knownDigest: Digest?
    private let lock = NSLock()

    init(_ blocks: [LinkedBlock]) {
        stored = blocks
        load = nil
        noteIDs = blocks.flatMap(\.annotationIDs)
    }

    var digest: Digest {
        lock.lock()
        defer { lock.unlock() }
        if let knownDigest { return knownDigest }
        var d = Digester("article-blocks")
        let blocks = stored ?? []
        d.add(blocks.count)
        for block in blocks {
            d.add(block.anchor); d.add(block.html); d.add(block.isHeading); d.add(block.annotationIDs)
        }
        knownDigest = d.finish()
        return knownDigest!
    }

    /// Blocks read by `load` when first needed, every time they are needed.
    init(digest: Digest, noteIDs: [String], load: (@Sendable () -> [LinkedBlock])?) {
        self.knownDigest = digest
        self.noteIDs = noteIDs
        self.stored = nil
        self.load = load
    }

    /// The same digest and notes, read from somewhere else.
    func loading(_ load: @escaping @Sendable () -> [LinkedBlock]) -> ArticleBlocks {
        ArticleBlocks(digest: digest, noteIDs: noteIDs, load: load)
    }

    var blocks: [LinkedBlock] {
        if let stored { return stored }
        guard let load else { preconditionFailure("an article's blocks were decoded from the cache without a way to read them") }
        return load()
    }
}

/// Where an entity is mentioned in an article, with its sentence for context.
public struct Mention: Sendable, Hashable {
    public var entityID: String
    public var articleID: String
    public var anchor: String
    /// The sentence split around the mention, so a template can highlight it without raw HTML.
    public var before: String { excerpt.string(0) }
    public var text: String { excerpt.string(1) }
    public var after: String { excerpt.string(2) }
    /// The three parts as UTF-8. Made into Strings only when a page shows them: a rebuild reads tens
    /// of thousands of mentions back from the build cache and renders few of the pages showing them.
    let excerpt: Excerpt

    public init(entityID: String, articleID: String, anchor: String, before: String, text: String, after: String) {
        self.init(entityID: entityID, articleID: articleID, anchor: anchor, excerpt: Excerpt(before, text, after))
    }

    init(entityID: String, articleID: String, anchor: String, excerpt: Excerpt) {
        self.entityID = entityID
        self.articleID = articleID
        self.anchor = anchor
        self.excerpt = excerpt
    }

    public static func == (a: Mention, b: Mention) -> Bool {
        a.entityID == b.entityID && a.articleID == b.articleID && a.anchor == b.anchor
            && (0..<3).allSatisfy { k in a.excerpt.withPart(k) { x in b.excerpt.withPart(k) { y in x.elementsEqual(y) } } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entityID); hasher.combine(articleID); hasher.combine(anchor)
        for k in 0..<3 { excerpt.withPart(k) { hasher.combine(bytes: $0) } }
    }
}

/// A mention's sentence in three parts (before, the words, after), as UTF-8 in storage that the
/// mentions of one article share once they are kept as `ArticleMentions`.
struct Excerpt: Sendable {
    /// Never changed once made.
    final class Storage: Sendable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    let storage: Storage
    /// Where the parts start and end in `storage`: before is `bounds.0..<bounds.1`, and so on.
    let bounds: (Int, Int, Int, Int)

    init(_ before: String, _ text: String, _ after: String) {
        var bytes = Array(before.utf8)
        let beforeEnd = bytes.count
        bytes += text.utf8
        let textEnd = bytes.count
        bytes += after.utf8
        self.init(storage: Storage(bytes), bounds: (0, beforeEnd, textEnd, bytes.count))
    }

    /// Parts of bytes already stored: valid UTF-8 (the build cache checks each entry) cut at the
    /// boundaries of whole strings.
    init(storage: Storage, bounds: (Int, Int, Int, Int)) {
        self.storage = storage
        self.bounds = bounds
    }

    /// Part `k` (0 before, 1 the words, 2 after) as UTF-8.
    func withPart<R>(_ k: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let range: Range<Int>
        switch k {
        case 0: range = bounds.0..<bounds.1
        case 1: range = bounds.1..<bounds.2
        default: range = bounds.2..<bounds.3
        }
        return storage.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    func string(_ k: Int) -> String { withPart(k) { String(decoding: $0, as: UTF8.self) } }

    /// Feeds the three parts to a digest: their lengths, then their bytes, which lie together in storage.
    func add(to d: inout Digester) {
        d.add(bounds.1 - bounds.0); d.add(bounds.2 - bounds.1); d.add(bounds.3 - bounds.2)
        storage.bytes.withUnsafeBytes { d.add(bytes: UnsafeRawBufferPointer(rebasing: $0[bounds.0..<bounds.3])) }
    }
}

/// An article's mentions in reading order, kept compactly: their entity ids, article id and anchors
/// as numbers into a table of those strings, and their sentences as one run of UTF-8. A `Mention` is
/// made only for a page that shows it: a rebuild reads tens of thousands of mentions back from the
/// build cache and renders few of the pages showing them. Never changed once made.
final class ArticleMentions: Sendable {
    /// Entity ids, the article id and block anchors, each once.
    let table: [String]
    /// Per mention, three numbers into `table`: its entity, its article and its anchor.
    let refs: [Int]
    /// Where each part of each sentence (before, the words, after; three per mention, in order)
    /// starts in `storage`, then where the last one ends.
    let offsets: [Int]
    let storage: Excerpt.Storage
    /// Per entry of `table` that is a mentioned entity's id: the digest of its mentions here.
    let digests: [Digest?]

    var count: Int { refs.count / 3 }

    convenience init(_ mentions: [Mention]) {
        var table: [String] = [], number: [String: Int] = [:]
        func intern(_ s: String) -> Int {
            if let n = number[s] { return n }
            number[s] = table.count
            table.append(s)
            return table.count - 1
        }
        var refs: [Int] = [], offsets: [Int] = [0], text: [UInt8] = []
        refs.reserveCapacity(mentions.count * 3)
        offsets.reserveCapacity(mentions.count * 3 + 1)
        var byEntity: [Int: [Int]] = [:]
        for (i, m) in mentions.enumerated() {
            let entity = intern(m.entityID)
            refs += [entity, intern(m.articleID), intern(m.anchor)]
            byEntity[entity, default: []].append(i)
            for k in 0..<3 {
                m.excerpt.withPart(k) { text += $0 }
                offsets.append(text.count)
            }
        }
        var digests = [Digest?](repeating: nil, count: table.count)
        for (entity, indices) in byEntity { digests[entity] = MentionList.digest(of: indices.lazy.map { mentions[$0] }) }
        self.init(table: table, refs: refs, offsets: offsets, storage: Excerpt.Storage(text), digests: digests)
    }

    /// Parts already checked to fit together (see `LinkCache`).
    init(table: [String], refs: [Int], offsets: [Int], storage: Excerpt.Storage, digests: [Digest?]) {
        self.table = table
        self.refs = refs
        self.offsets = offsets
        self.storage = storage
        self.digests = digests
    }

    /// The table entry of mention `i`'s entity id.
    func entityRef(_ i: Int) -> Int { refs[3 * i] }
    func anchorRef(_ i: Int) -> Int { refs[3 * i + 2] }

    func mention(_ i: Int) -> Mention {
        Mention(entityID: table[refs[3 * i]], articleID: table[refs[3 * i + 1]], anchor: table[refs[3 * i + 2]],
                excerpt: Excerpt(storage: storage, bounds: (offsets[3 * i], offsets[3 * i + 1], offsets[3 * i + 2], offsets[3 * i + 3])))
    }

    var mentions: [Mention] { (0..<count).map(mention) }
}

/// An entity's mentions, in reading order: a list, or runs of its articles' mentions, made into a
/// list only when a page shows them. Its count and digest need neither.
package struct MentionList: Sendable {
    /// Mentions of one entity in one article: numbers into the article's mentions.
    struct Run: Sendable {
        var source: ArticleMentions
        /// The table entry of the entity's id in `source`.
        var entityRef: Int
        var indices: [Int]
    }

    private enum Storage: Sendable {
        case list([Mention])
        case runs([Run])
    }

    private let storage: Storage
    package let count: Int

    init(_ mentions: [Mention]) {
        storage = .list(mentions)
        count = mentions.count
    }

    init(runs: [Run]) {
        storage = .runs(runs)
        count = runs.reduce(0) { $0 + $1.indices.count }
    }

    var mentions: [Mention] {
        switch storage {
        case .list(let mentions): return mentions
        case .runs(let runs):
            var mentions: [Mention] = []
            mentions.reserveCapacity(count)
            for run in runs { for i in run.indices { mentions.append(run.source.mention(i)) } }
            return mentions
        }
    }

    /// Equal for equal lists however they are kept: the digests of the runs of consecutive mentions
    /// in one article, in order. A run's digest is made when its article is linked.
    package var digest: Digest {
        var d = Digester("entity-mentions")
        switch storage {
        case .list(let mentions):
            var runs: [Digest] = [], start = 0
            for i in mentions.indices where i + 1 == mentions.count || mentions[i + 1].articleID != mentions[i].articleID {
                runs.append(Self.digest(of: mentions[start...i]))
                start = i + 1
            }
            d.add(runs.count)
            for run in runs { d.add(run) }
        case .runs(let runs):
            d.add(runs.count)
            for run in runs { d.add(run.source.digests[run.entityRef] ?? Self.digest(of: run.indices.lazy.map(run.source.mention))) }
        }
        return d.finish()
    }

    /// The digest of one entity's mentions in one article: each one's article, anchor and sentence.
    static func digest(of mentions: some Collection<Mention>) -> Digest {
        var d = Digester("mentions")
        d.add(mentions.count)
        for m in mentions {
            d.add(m.entityID); d.add(m.articleID); d.add(m.anchor)
            m.excerpt.add(to: &d)
        }
        return d.finish()
    }
}

public struct LinkedEntity: Sendable {
    public var entity: Entity
    /// The linked description as an HTML fragment.
    public var html: String
    /// Entities this one's description links to or mentions, by id.
    public var linksTo: [String]
    /// Pages whose text links to or mentions this entity.
    public var linkedFrom: [PageReference]
    /// Made into a list on each use: read it once per page.
    public var mentions: [Mention] {
        get { mentionList.mentions }
        set { mentionList = MentionList(newValue) }
    }
    public var mentionCount: Int { mentionList.count }
    package var mentionList: MentionList
    /// Annotations that list this entity or mention or link it.
    public var annotationIDs: [String]
    /// Entities sharing paragraphs with this one, most shared first.
    public var related: [(id: String, count: Int)]

    public init(entity: Entity, html: String, linksTo: [String], linkedFrom: [PageReference], mentions: [Mention],
                annotationIDs: [String], related: [(id: String, count: Int)]) {
        self.init(entity: entity, html: html, linksTo: linksTo, linkedFrom: linkedFrom, mentionList: MentionList(mentions),
                  annotationIDs: annotationIDs, related: related)
    }

    init(entity: Entity, html: String, linksTo: [String], linkedFrom: [PageReference], mentionList: MentionList,
         annotationIDs: [String], related: [(id: String, count: Int)]) {
        self.entity = entity
        self.html = html
        self.linksTo = linksTo
        self.linkedFrom = linkedFrom
        self.mentionList = mentionList
        self.annotationIDs = annotationIDs
        self.related = related
    }
}

/// Text (a note's HTML, an article's lead) as UTF-8, with its digest. Made into a String only for a
/// page that shows it: a rebuild reads thousands of them back from the build cache and renders few
/// of their pages.
package struct DigestedText: Sendable, Hashable {
    package let utf8: [UInt8]
    /// Made with the text and kept with it in the cache, so a page's digest need not read the text.
    package let digest: Digest

    package init(_ text: String) {
        utf8 = Array(text.utf8)
        var d = Digester("text")
        utf8.withUnsafeBytes { d.add(utf8: $0) }
        digest = d.finish()
    }

    /// As stored by the build cache (made from a String, and checked by the entry's checksum).
    init(utf8: [UInt8], digest: Digest) {
        self.utf8 = utf8
        self.digest = digest
    }

    var string: String { String(decoding: utf8, as: UTF8.self) }
}

public struct LinkedAnnotation: Sendable {
    public var annotation: Annotation
    /// The linked note as an HTML fragment; made on each use from `body`.
    public var html: String {
        get { body.string }
        set { body = DigestedText(newValue) }
    }
    package var body: DigestedText
    /// 1-based number of its marker in its article.
    public var number: Int
    public var articleID: String
    /// The anchor of the article block it is shown beside.
    public var blockAnchor: String
    public var entityIDs: [String]

    public init(annotation: Annotation, html: String, number: Int, articleID: String, blockAnchor: String, entityIDs: [String]) {
        self.init(annotation: annotation, body: DigestedText(html), number: number, articleID: articleID,
                  blockAnchor: blockAnchor, entityIDs: entityIDs)
    }

    init(annotation: Annotation, body: DigestedText, number: Int, articleID: String, blockAnchor: String, entityIDs: [String]) {
        self.annotation = annotation
        self.body = body
        self.number = number
        self.articleID = articleID
        self.blockAnchor = blockAnchor
        self.entityIDs = entityIDs
    }
}
