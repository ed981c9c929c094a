import ArabicText
import DossierMarkdown
import DossierModel
import DossierCache
import DossierMarkdownStage

/// Linking stage: resolves `[[id]]`, anchors annotations to their quotes, links entity mentions,
/// and gathers the cross-references every entity page shows.
public enum Linker {
    /// Links the site, phase by phase (each in `Linking/Phases/`, each returning a value). With a
    /// cache, results whose inputs are unchanged since an earlier build are reused (see
    /// `BuildCache`); the outcome is the same either way.
    public static func link(_ site: Site, cache: BuildCache? = nil) -> (LinkedSite, [Diagnostic]) {
        let run = LinkRun(site: site, cache: cache)
        let placed = placeNotes(run)
        let articles = linkArticles(run, placed: placed)
        let merged = mergeArticles(run, articles, placed: placed)
        let mentions = gatherMentions(run, articles, merged)
        let bodies = linkBodies(run, notes: merged.notes)
        let references = crossReference(run, merged, bodies, mentions)
        let chronology = linkEvents(run)
        let unused = unusedNames(run, mentionedIn: references.mentionedIn,
                                 matchedPhrases: merged.matchedPhrases.union(bodies.matchedPhrases).union(chronology.matchedPhrases))
        let notes = bodies.notes.sorted { ($0.articleID, $0.number) < ($1.articleID, $1.number) }
        let diagnostics = run.index.diagnostics + placed.diagnostics + merged.diagnostics + bodies.diagnostics + chronology.diagnostics + unused
        return (LinkedSite(config: site.config, articles: articles.articles, entities: references.entities, annotations: notes,
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
    package static func resolveWikiLinks(_ article: Article, index: EntityIndex) -> (blocks: [Block], targets: [String], diagnostics: [Diagnostic]) {
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
package enum BlockWalk {
    /// The inlines of every paragraph in `block`, in document order: itself if it is one, else
    /// those of its quotations and list items (a quote may be anchored in any of them).
    package static func paragraphs(of block: Block) -> [[Inline]] {
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
