import ArabicText
import DossierMarkdown

/// Linking stage: resolves `[[id]]`, anchors annotations to their quotes, links entity mentions,
/// and gathers the cross-references every entity page shows.
public enum Linker {
    /// Links the site. With a cache, results whose inputs are unchanged since an earlier build are
    /// reused (see `BuildCache`); the outcome is the same either way.
    public static func link(_ site: Site, cache: BuildCache? = nil) -> (LinkedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let index = EntityIndex(site.entities)
        let options = RenderOptions(allowUnsafeHTML: site.config.allowUnsafeHTML)
        diagnostics += index.diagnostics
        var matchedPhrases: Set<Int> = []
        // Keys digest every article's text, so they are made only when there is a cache to ask;
        // `cached` evaluates a key only then.
        let keys = cache.map { CacheKeys(site: site, options: options, cache: $0) }

        // Annotations: anchor each quote in its article (whose [[id]] links are resolved first, so
        // anchoring sees the labels readers see).
        // Each article is parsed and its [[id]] links resolved once, on first use: by the anchoring
        // of a quote the cache does not know, or by linking the article.
        let resolved = LazyList(count: site.articles.count) { a in resolveWikiLinks(site.articles[a], index: index) }
        let anchors = LazyList(count: site.articles.count) { a in QuoteAnchor(blocks: resolved[a].blocks) }
        let anchoring = anchorAnnotations(site, anchors: anchors, index: index, keys: keys, cache: cache)
        diagnostics += anchoring.diagnostics
        var anchored = anchoring.anchored
        var anchoredByArticle: [[Int: [Int]]] = Array(repeating: [:], count: site.articles.count) // block → indices into `anchored`
        for (i, note) in anchored.enumerated() { anchoredByArticle[note.articleIndex][note.location.block, default: []].append(i) }

        // Articles: links, highlights and mentions. Articles are independent of each other, so each
        // one is linked on any core and the results merged in article order.
        let notes = anchored
        let byArticle = anchoredByArticle
        // Entities by number, so the tables merged below are indexed rather than hashed.
        let entityNumber = Dictionary(site.entities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // With a cache, an article's blocks are cached apart from the rest of its result and read
        // back only when its page is rendered again: a rebuild after a small edit renders few.
        let (linkedArticles, linkedResults) = ParallelMap.split(Array(site.articles.indices)) { a -> (LinkedArticle, ArticleResult) in
            let linkNow = { @Sendable (blocks: [Block], targets: [String], wikiDiagnostics: [Diagnostic]) -> ArticleResult in
                var result = linkArticle(site.articles[a], blocks: blocks, notes: notes, notesByBlock: byArticle[a], index: index, options: options)
                result.wikiTargets = targets
                result.diagnostics = wikiDiagnostics + result.diagnostics
                result.references = ArticleReferences(result, entityNumber: entityNumber)
                return result
            }
            var result: ArticleResult
            if let cache {
                let key = keys!.article(a, notes: byArticle[a].values.flatMap { $0 }.sorted().map { notes[$0] })
                let blocksKey = CacheKeys.blocks(of: key)
                // The key covers the entities' ids in order, so a stored result's entity numbers are this build's.
                if cache.keep(blocksKey), var hit: ArticleResult = cache.lookup(key), hit.references.fits(entityCount: site.entities.count, mentions: hit.mentions) {
                    // Were the stored blocks ever unreadable, linking the article again gives the same ones.
                    hit.article.storage = hit.article.storage.loading {
                        if let stored: LinkedBlocks = cache.decoded(blocksKey) { return stored.blocks }
                        let (blocks, targets, wikiDiagnostics) = resolveWikiLinks(site.articles[a], index: index)
                        return linkNow(blocks, targets, wikiDiagnostics).article.blocks
                    }
                    result = hit
                } else {
                    let (blocks, targets, wikiDiagnostics) = resolved.take(a)
                    result = linkNow(blocks, targets, wikiDiagnostics)
                    cache.store(key, result)
                    cache.store(blocksKey, LinkedBlocks(result.article.blocks))
                }
            } else {
                let (blocks, targets, wikiDiagnostics) = resolved.take(a)
                result = linkNow(blocks, targets, wikiDiagnostics)
            }
            result.article.article = site.articles[a]
            return (result.article, result)
        }
        let anchoredByID = Dictionary(anchored.enumerated().map { ($1.annotationID, $0) }, uniquingKeysWith: { a, _ in a })
        // Every page that refers to an entity, by entity number: each page adds itself once per entity it refers to.
        var mentionedIn = [[PageReference]](repeating: [], count: site.entities.count)
        func add(_ reference: PageReference, referringTo targets: [String]) {
            for target in targets { if let e = entityNumber[target] { mentionedIn[e].append(reference) } }
        }
        // Each article's mentions grouped by entity, the entities it refers to, and the entities each
        // of its paragraphs shares, worked out with its result; merged in article order below, so
        // every entity's mentions stay in reading order.
        let perArticle = linkedResults.map(\.references)
        var articlesMentioning = [[Int]](repeating: [], count: site.entities.count)
        // Fields are read in place (see the notes' merge below).
        linkedResults.withUnsafeBufferPointer { results in
            for a in results.indices {
                add(PageReference(kind: .article, id: site.articles[a].id), referringTo: perArticle[a].refersTo)
                for e in perArticle[a].mentions.keys { articlesMentioning[e].append(a) }
                for (annotationID, anchor) in results[a].blockAnchors {
                    if let i = anchoredByID[annotationID] { anchored[i].blockAnchor = anchor }
                }
                matchedPhrases.formUnion(results[a].matchedPhrases)
                diagnostics += results[a].diagnostics
            }
        }
        // Each entity's mentions, gathered from the articles in order, and the entities that share a
        // paragraph with it (most often first), on all cores.
        let mentioning = articlesMentioning
        // Each entity's place in the order of ids, so that ties are broken without comparing strings.
        var idRank = [Int](repeating: 0, count: site.entities.count)
        for (rank, e) in site.entities.indices.sorted(by: { site.entities[$0].id < site.entities[$1].id }).enumerated() { idRank[e] = rank }
        let rankOf = idRank
        let gathered = ParallelMap.map(Array(site.entities.indices)) { e -> (mentions: MentionList, related: [(id: String, count: Int)]) in
            var shared = [Int](repeating: 0, count: site.entities.count), sharing: [Int] = []
            for a in mentioning[e] {
                for block in perArticle[a].blocks where block.contains(e) {
                    for other in block where other != e {
                        if shared[other] == 0 { sharing.append(other) }
                        shared[other] += 1
                    }
                }
            }
            let related = sharing.sorted { shared[$0] != shared[$1] ? shared[$0] > shared[$1] : (rankOf[$0], $0) < (rankOf[$1], $1) }
                .map { (id: site.entities[$0].id, count: shared[$0]) }
            let runs = mentioning[e].map { a in
                let own = perArticle[a].mentions[e]!
                return MentionList.Run(source: linkedResults[a].mentions, entityRef: own.ref, indices: own.indices)
            }
            return (MentionList(runs: runs), related)
        }

        // Entity descriptions and annotation bodies: links and mentions, for cross-references.
        let entityBodies = ParallelMap.map(site.entities) { entity in
            cached(cache, keys!.body(cache!.digest(of: entity), own: entity.id)) {
                rewriteBody(entity.markdown, path: entity.path, index: index, own: entity.id, options: options)
            }
        }
        var entityLinks: [String: [String]] = [:]
        var linkedEntityBodies: [String: String] = [:]
        for (entity, body) in zip(site.entities, entityBodies) {
            diagnostics += body.diagnostics
            matchedPhrases.formUnion(body.phrases)
            linkedEntityBodies[entity.id] = body.html.string
            entityLinks[entity.id] = body.targets
            add(PageReference(kind: .entity, id: entity.id), referringTo: body.targets)
        }
        // Each note's body, and the note with the entities it concerns (those listed, then those its
        // body links or mentions, each once) by id and by number, on all cores; then merged into the
        // cross-references in order.
        let notesAnchored = anchored
        let notesSplit = ParallelMap.split(Array(anchored.indices)) { i -> (LinkedAnnotation, (body: BodyResult, targets: [Int], concerns: [Int])) in
            let note = notesAnchored[i]
            let annotation = site.annotations[note.annotationIndex]
            let body = cached(cache, keys!.body(cache!.digest(of: annotation), own: nil)) {
                rewriteBody(annotation.markdown, path: annotation.path, index: index, own: nil, options: options)
            }
            // A note concerns a few entities: a list is searched faster than a set is built.
            var ordered: [String] = [], numbers: [Int] = []
            for id in annotation.entities.map(\.value) + body.targets where !ordered.contains(id) {
                guard let e = entityNumber[id] else { continue }
                ordered.append(id)
                numbers.append(e)
            }
            let linked = LinkedAnnotation(annotation: annotation, body: body.html, number: note.number,
                                          articleID: site.articles[note.articleIndex].id,
                                          blockAnchor: note.blockAnchor, entityIDs: ordered)
            return (linked, (body, body.targets.compactMap { entityNumber[$0] }, numbers))
        }
        // The notes concerning each entity, by number, as indices into `linkedAnnotations`. Fields
        // are read in place: a note copied out is every one of its strings retained and released,
        // on memory the other core last wrote.
        var linkedAnnotations = notesSplit.0
        var annotationsOf = [[Int]](repeating: [], count: site.entities.count)
        notesSplit.1.withUnsafeBufferPointer { notes in
            for i in notes.indices {
                diagnostics += notes[i].body.diagnostics
                matchedPhrases.formUnion(notes[i].body.phrases)
                let reference = PageReference(kind: .annotation, id: linkedAnnotations[i].annotation.id)
                for e in notes[i].targets { mentionedIn[e].append(reference) }
                for e in notes[i].concerns { annotationsOf[e].append(i) }
            }
        }

        // Cross-references per entity, on all cores.
        let referrers = mentionedIn, bodies = linkedEntityBodies, links = entityLinks, notesOf = annotationsOf
        let noteIDs = linkedAnnotations.map(\.annotation.id)
        let linkedEntities = ParallelMap.map(Array(site.entities.indices)) { e -> LinkedEntity in
            let entity = site.entities[e]
            return LinkedEntity(
                entity: entity, html: bodies[entity.id] ?? "",
                linksTo: links[entity.id] ?? [],
                linkedFrom: sortedUnique(referrers[e].filter { !($0.kind == .entity && $0.id == entity.id) }),
                mentionList: gathered[e].mentions,
                annotationIDs: sortedUnique(notesOf[e].map { noteIDs[$0] }),
                related: gathered[e].related)
        }
        // The chronology's events, their texts linked like descriptions.
        let chronology = linkEvents(site, index: index, options: options, cache: cache, keys: keys)
        diagnostics += chronology.diagnostics
        matchedPhrases.formUnion(chronology.phrases)
        for (e, entity) in site.entities.enumerated() {
            if mentionedIn[e].isEmpty {
                diagnostics.append(.warning(entity.path, line: entity.nameLine, column: entity.nameColumn,
                                            "\(Visible.quoted(entity.name)) is never mentioned in any article, description or annotation",
                                            hint: "add the form the text uses to 'aliases', or link it with [[\(entity.id)]]"))
            }
        }
        for (entityID, alias, ids) in index.phrases where !ids.contains(where: matchedPhrases.contains) {
            let path = index.entities[entityID]?.path ?? entityID
            diagnostics.append(.warning(path, line: alias.line, column: alias.column, "alias \(Visible.quoted(alias.value)) never matches any text",
                                        hint: "check its spelling against the article, or remove it"))
        }
        linkedAnnotations.sort { ($0.articleID, $0.number) < ($1.articleID, $1.number) }
        return (LinkedSite(config: site.config, articles: linkedArticles, entities: linkedEntities, annotations: linkedAnnotations,
                           events: chronology.events), diagnostics)
    }

    /// Sorted, each once (two records with one id, already an error, add theirs twice).
    static func sortedUnique<T: Comparable>(_ references: [T]) -> [T] {
        var result: [T] = []
        for reference in references.sorted() where result.last != reference { result.append(reference) }
        return result
    }

    /// What linking one article yields, merged into the site's cross-references afterwards.
    struct ArticleResult: Sendable {
        var article: LinkedArticle
        /// (annotation id, anchor of the block its note is shown beside)
        var blockAnchors: [(String, String)] = []
        /// Entities the article links with `[[id]]`.
        var wikiTargets: [String] = []
        /// In reading order, block by block: which entities each block mentions (and so which share a
        /// paragraph) follows from them.
        var mentions = ArticleMentions([])
        /// The mentions grouped by entity number (valid for the entities the result's key covers).
        var references = ArticleReferences()
        /// Sorted.
        var matchedPhrases: [Int] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Highlights an article's quotes and links its mentions, block by block.
    static func linkArticle(_ article: Article, blocks articleBlocks: [Block], notes anchored: [Anchored],
                            notesByBlock: [Int: [Int]], index: EntityIndex, options: RenderOptions) -> ArticleResult {
        var rewriter = InlineRewriter(index: index, ownEntity: nil, source: article.markdown, path: article.path)
        var result = ArticleResult(article: LinkedArticle(article: article, blocks: [], lead: ""))
        var blocks: [LinkedBlock] = []
        var mentions: [Mention] = []
        var paragraphNumber = 0, headingNumber = 0
        var hasLead = false
        for (b, block) in articleBlocks.enumerated() {
            let anchor: String
            if case .heading = block { headingNumber += 1; anchor = SiteLayout.blockAnchor(heading: true, number: headingNumber) } else { paragraphNumber += 1; anchor = SiteLayout.blockAnchor(heading: false, number: paragraphNumber) }
            let hereIndices = notesByBlock[b] ?? []
            let here = hereIndices.map { anchored[$0] }.sorted { ($0.location.paragraph, $0.location.range.lowerBound) < ($1.location.paragraph, $1.location.range.lowerBound) }
            var rewritten = block
            for note in here {
                rewritten = BlockWalk.mapParagraph(rewritten, note.location.paragraph) { inlines in
                    Highlighter.highlight(inlines, range: note.location.range, annotationID: note.annotationID, number: note.number)
                }
            }
            rewritten = BlockWalk.mapInlines(rewritten) { inlines, isHeading in
                guard !isHeading else { return inlines }
                var linked: Set<String> = [], offset = 0, local: [(String, Range<Int>)] = []
                let linkedInlines = rewriter.linkMentions(inlines, linked: &linked, mentions: &local, offset: &offset)
                guard !local.isEmpty else { return linkedInlines }
                let text = ScalarText(inlines.plainText)
                for (entityID, range) in local {
                    mentions.append(Sentence.mention(of: entityID, in: text, range: range, articleID: article.id, anchor: anchor))
                }
                return linkedInlines
            }
            var isHeading = false
            if case .heading = rewritten { isHeading = true }
            if !hasLead, case .paragraph(let inlines, _) = rewritten {
                result.article.lead = inlines.plainText
                hasLead = true
            }
            blocks.append(LinkedBlock(anchor: anchor, html: Markdown.renderHTML([rewritten], options: options), isHeading: isHeading,
                                      annotationIDs: here.map(\.annotationID)))
            for i in hereIndices { result.blockAnchors.append((anchored[i].annotationID, anchor)) }
        }
        result.article.blocks = blocks
        result.mentions = ArticleMentions(mentions)
        result.matchedPhrases = rewriter.matchedPhrases.sorted()
        result.diagnostics = rewriter.diagnostics
        return result
    }

    /// What an article adds to the site's cross-references, by entity number.
    struct ArticleReferences: Sendable {
        /// Its mentions of each entity, in reading order, as indices into the result's mentions, with
        /// the entry of the entity's id in their table.
        var mentions: [Int: (ref: Int, indices: [Int])]
        /// Entities it mentions or links with `[[id]]`.
        var refersTo: [String]
        /// The different entities mentioned in each block that mentions two or more, block by block.
        var blocks: [[Int]]

        init(mentions: [Int: (ref: Int, indices: [Int])] = [:], refersTo: [String] = [], blocks: [[Int]] = []) {
            self.mentions = mentions
            self.refersTo = refersTo
            self.blocks = blocks
        }

        /// Whether every entity number is below `entityCount` and every mention is one of `all` (as
        /// for a result linked with these entities).
        func fits(entityCount: Int, mentions all: ArticleMentions) -> Bool {
            mentions.allSatisfy { e, own in e < entityCount && own.ref < all.table.count && own.indices.allSatisfy { $0 < all.count } }
                && blocks.allSatisfy { $0.allSatisfy { $0 < entityCount } }
        }

        init(_ result: ArticleResult, entityNumber: [String: Int]) {
            // Linked ids first, then mentioned ones, each once, in order.
            var refersTo: [String] = []
            for id in result.wikiTargets where !refersTo.contains(id) { refersTo.append(id) }
            var mentions: [Int: (ref: Int, indices: [Int])] = [:]
            var blocks: [[Int]] = []
            var block: [Int] = [], anchor = -1
            func closeBlock() {
                if block.count > 1 { blocks.append(block) }
                block.removeAll(keepingCapacity: true)
            }
            // The table's few strings are looked up once, not once per mention.
            let all = result.mentions
            let numbers = all.table.map { entityNumber[$0] }
            var indicesOf = [[Int]](repeating: [], count: all.table.count), order: [Int] = []
            for m in 0..<all.count {
                let ref = all.entityRef(m)
                guard let e = numbers[ref] else { continue }
                if all.anchorRef(m) != anchor { closeBlock(); anchor = all.anchorRef(m) }
                if !block.contains(e) { block.append(e) }
                if indicesOf[ref].isEmpty { order.append(ref) }
                indicesOf[ref].append(m)
            }
            closeBlock()
            for ref in order {
                if !refersTo.contains(all.table[ref]) { refersTo.append(all.table[ref]) }
                mentions[numbers[ref]!] = (ref, indicesOf[ref])
            }
            self.mentions = mentions
            self.refersTo = refersTo
            self.blocks = blocks
        }
    }

    /// A description or note body, linked and rendered.
    struct BodyResult: Sendable {
        var html: DigestedText
        /// Entities it links or mentions, in order of first appearance, itself excluded.
        var targets: [String]
        var phrases: [Int]
        var diagnostics: [Diagnostic]
    }

    /// Rewrites a description or note body: `[[id]]`, then mentions (first per paragraph linked).
    static func rewriteBody(_ source: MarkdownSource, path: String, index: EntityIndex, own: String?, options: RenderOptions) -> BodyResult {
        var rewriter = InlineRewriter(index: index, ownEntity: own, source: source, path: path)
        var targets: [String] = []
        let (parsed, refusals) = MarkdownStage.parse(source, path: path)
        let blocks = parsed.map { block in
            BlockWalk.mapInlines(block) { inlines, isHeading in
                let earlier = rewriter.wikiTargets.count
                let resolved = rewriter.resolveWikiLinks(inlines)
                guard !isHeading else { return resolved }
                // Each paragraph starts afresh: only its own [[id]] links count as its first mentions.
                var linked = Set(rewriter.wikiTargets[earlier...]), offset = 0, found: [(String, Range<Int>)] = []
                let result = rewriter.linkMentions(resolved, linked: &linked, mentions: &found, offset: &offset)
                targets += found.map(\.0)
                return result
            }
        }
        targets = rewriter.wikiTargets + targets
        var seen: Set<String> = []
        let unique = targets.filter { $0 != own && seen.insert($0).inserted }
        return BodyResult(html: DigestedText(Markdown.renderHTML(blocks, options: options)), targets: unique,
                          phrases: rewriter.matchedPhrases.sorted(), diagnostics: refusals + rewriter.diagnostics)
    }

    /// An article's blocks with `[[id]]` resolved, the entities they link, and unknown ids as errors.
    static func resolveWikiLinks(_ article: Article, index: EntityIndex) -> (blocks: [Block], targets: [String], diagnostics: [Diagnostic]) {
        var rewriter = InlineRewriter(index: index, ownEntity: nil, source: article.markdown, path: article.path)
        let (parsed, refusals) = MarkdownStage.parse(article.markdown, path: article.path)
        let blocks = parsed.map { BlockWalk.mapInlines($0) { inlines, _ in rewriter.resolveWikiLinks(inlines) } }
        return (blocks, rewriter.wikiTargets, refusals + rewriter.diagnostics)
    }

    /// The cached result for `key` when there is a cache, else (and on a miss) `compute()`'s.
    static func cached<T: Archivable>(_ cache: BuildCache?, _ key: @autoclosure () -> Digest, _ compute: () -> T) -> T {
        guard let cache else { return compute() }
        return cache.value(key(), compute)
    }

    struct Anchored: Sendable {
        let annotationIndex: Int
        let annotationID: String
        let articleIndex: Int
        let location: QuoteAnchor.Location
        var number: Int
        var blockAnchor: String
    }

    static func anchorAnnotations(_ site: Site, anchors: LazyList<QuoteAnchor>, index: EntityIndex, keys: CacheKeys?,
                                  cache: BuildCache?) -> (anchored: [Anchored], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var anchored: [Anchored] = []
        let articleIDs = site.articles.map(\.id)
        let articleNumbers = Dictionary(articleIDs.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Which article each note is in, and the problems found before looking for its quote, on all cores.
        let checked = ParallelMap.map(site.annotations) { annotation -> (article: Int?, diagnostics: [Diagnostic]) in
            var diagnostics: [Diagnostic] = []
            for entity in annotation.entities where index.entities.index(forKey: entity.value) == nil {
                diagnostics.append(.error(annotation.path, line: entity.line, column: entity.column, "unknown entity \(Visible.quoted(entity.value)) in 'entities'",
                                          hint: Suggestion.hint(for: entity.value, in: Array(index.entities.keys), listing: "entity ids")))
            }
            var articleIndex: Int?
            if let article = annotation.article {
                if let i = articleNumbers[article.value] {
                    articleIndex = i
                } else {
                    diagnostics.append(.error(annotation.path, line: article.line, column: article.column, "unknown article \(Visible.quoted(article.value))",
                                              hint: Suggestion.hint(for: article.value, in: articleIDs, listing: "article ids")))
                }
            } else if articleIDs.count == 1 {
                articleIndex = 0
            } else if !articleIDs.isEmpty {
                diagnostics.append(.error(annotation.path, line: 1, column: 1, "missing field 'article'",
                                          hint: "the dossier has several articles; name one: \(articleIDs.joined(separator: ", "))"))
            }
            return (articleIndex, diagnostics)
        }
        let articleOf = checked.map(\.article)
        // Quotes are looked for on all cores, one article at a time per core, so no two cores wait
        // for the same article to be parsed; results come back in annotation order.
        var byArticle: [Int: [Int]] = [:]
        for (n, a) in articleOf.enumerated() { if let a { byArticle[a, default: []].append(n) } }
        let groups = byArticle.keys.sorted().map { (article: $0, notes: byArticle[$0]!) }
        let found = ParallelMap.map(groups) { group -> [QuoteAnchor.Outcome] in
            group.notes.map { n in
                let quote = site.annotations[n].quote.value
                return cached(cache, keys!.anchor(group.article, quote: quote)) { anchors[group.article].locate(quote) }
            }
        }
        var outcomeOf = [QuoteAnchor.Outcome?](repeating: nil, count: site.annotations.count)
        for (group, outcomes) in zip(groups, found) {
            for (n, outcome) in zip(group.notes, outcomes) { outcomeOf[n] = outcome }
        }
        let located = outcomeOf
        let outcomes = ParallelMap.map(Array(site.annotations.indices)) { n -> (Anchored?, [Diagnostic]) in
            let annotation = site.annotations[n]
            var diagnostics = checked[n].diagnostics
            guard let articleIndex = articleOf[n], let outcome = located[n] else { return (nil, diagnostics) }
            let quote = annotation.quote
            switch outcome {
            case .found(let location):
                return (Anchored(annotationIndex: n, annotationID: annotation.id, articleIndex: articleIndex,
                                 location: location, number: 0, blockAnchor: ""), diagnostics)
            case .ambiguous(let count):
                diagnostics.append(.error(annotation.path, line: quote.line, column: quote.column,
                                          "the quote occurs \(count) times in \(site.articles[articleIndex].path)",
                                          hint: "lengthen the quote with neighbouring words until it occurs once"))
            case .notFound(let closest):
                diagnostics.append(.error(annotation.path, line: quote.line, column: quote.column,
                                          "the quote is not in \(site.articles[articleIndex].path)",
                                          hint: QuoteDifference.hint(quote: quote.value, closest: closest)))
            }
            return (nil, diagnostics)
        }
        for (note, d) in outcomes {
            diagnostics += d
            if let note { anchored.append(note) }
        }
        // Number the markers in reading order within each article.
        var numbers = [Int](repeating: 0, count: site.articles.count)
        let place = anchored.map { ($0.articleIndex, $0.location.block, $0.location.paragraph, $0.location.range.lowerBound) }
        let order = anchored.indices.sorted { place[$0] < place[$1] }
        for i in order {
            numbers[anchored[i].articleIndex] += 1
            anchored[i].number = numbers[anchored[i].articleIndex]
        }
        return (order.map { anchored[$0] }, diagnostics)
    }
}

/// Applies a rewrite to the inlines of every paragraph and heading of a block, at any depth.
enum BlockWalk {
    /// The inlines of every paragraph in `block`, in document order: itself if it is one, else
    /// those of its quotations and list items (a quote may be anchored in any of them).
    static func paragraphs(of block: Block) -> [[Inline]] {
        switch block {
        case .paragraph(let inlines, _): return [inlines]
        case .blockQuote(let blocks, _), .custom(_, _, let blocks): return blocks.flatMap(paragraphs)
        case .list(_, _, let items, _): return items.flatMap { $0.flatMap(paragraphs) }
        case .heading, .codeBlock, .html, .thematicBreak: return []
        }
    }

    /// `block` with its paragraph number `k` (in the order of `paragraphs(of:)`) rewritten by `f`.
    static func mapParagraph(_ block: Block, _ k: Int, _ f: ([Inline]) -> [Inline]) -> Block {
        var seen = 0
        func walk(_ block: Block) -> Block {
            switch block {
            case .paragraph(let inlines, let p):
                defer { seen += 1 }
                return seen == k ? .paragraph(f(inlines), p) : block
            case .blockQuote(let b, let p): return .blockQuote(b.map(walk), p)
            case .list(let s, let t, let items, let p): return .list(s, tight: t, items: items.map { $0.map(walk) }, p)
            case .custom(let a, let b, let c): return .custom(enter: a, exit: b, c.map(walk))
            case .heading, .codeBlock, .html, .thematicBreak: return block
            }
        }
        return walk(block)
    }

    static func mapInlines(_ block: Block, _ f: ([Inline], _ isHeading: Bool) -> [Inline]) -> Block {
        switch block {
        case .paragraph(let i, let p): return .paragraph(f(i, false), p)
        case .heading(let l, let i, let p): return .heading(level: l, f(i, true), p)
        case .blockQuote(let b, let p): return .blockQuote(b.map { mapInlines($0, f) }, p)
        case .list(let s, let t, let items, let p): return .list(s, tight: t, items: items.map { $0.map { mapInlines($0, f) } }, p)
        case .custom(let a, let b, let c): return .custom(enter: a, exit: b, c.map { mapInlines($0, f) })
        case .codeBlock, .html, .thematicBreak: return block
        }
    }
}

/// The sentence around a mention, split for highlighting.
enum Sentence {
    /// `.` `؟` `?` `!` `؛` and the end of a line.
    @inline(__always) static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "؟", "?", "!", "\n", "؛": return true
        default: return false
        }
    }

    static func mention(of entityID: String, in text: ScalarText, range: Range<Int>, articleID: String, anchor: String) -> Mention {
        let scalars = text.scalars
        var start = range.lowerBound
        while start > 0, !isTerminator(scalars[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < scalars.count, !isTerminator(scalars[end]) { end += 1 }
        if end < scalars.count { end += 1 }
        // "before" loses its leading whitespace Characters. A Character is whitespace when its first
        // scalar is, so dropping whitespace scalars does the same, unless the scalar after them
        // could belong to the last one's Character (a mark, a joiner): only ASCII and Arabic letters
        // are taken as certainly starting their own.
        var from = start
        while from < range.lowerBound, scalars[from].properties.isWhitespace { from += 1 }
        if from > start, from < range.lowerBound, !startsCharacter(scalars[from]) {
            return Mention(entityID: entityID, articleID: articleID, anchor: anchor,
                           before: String(text.slice(start..<range.lowerBound).drop(while: \.isWhitespace)), text: text.slice(range),
                           after: text.slice(range.upperBound..<end))
        }
        // The three parts are one run of the text's bytes, copied once.
        let first = text.utf8Offset(of: from)
        let bounds = (0, text.utf8Offset(of: range.lowerBound) - first, text.utf8Offset(of: range.upperBound) - first,
                      text.utf8Offset(of: end) - first)
        let utf8 = text.string.utf8
        let bytes = utf8.withContiguousStorageIfAvailable { Array($0[first..<(first + bounds.3)]) }
            ?? Array(utf8.dropFirst(first).prefix(bounds.3))
        return Mention(entityID: entityID, articleID: articleID, anchor: anchor,
                       excerpt: Excerpt(storage: Excerpt.Storage(bytes), bounds: bounds))
    }

    @inline(__always) static func startsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 || (0x0621...0x064A).contains(scalar.value)
    }
}
