import ArabicText
import DossierMarkdown
import DossierModel
import DossierLinking

/// `dossier new annotation`: a note anchored to a quote that is checked against its article the
/// way the build anchors it (`QuoteAnchor`), with the entities of the quote's paragraph filled in.
public struct NewAnnotation: Sendable {
    public var id: String
    public var quote: String
    public var article: String?
    public var kind: String?

    public init(id: String, quote: String, article: String? = nil, kind: String? = nil) {
        self.id = id
        self.quote = quote
        self.article = article
        self.kind = kind
    }

    /// The file to write, or every problem that stops it (thrown as a `BuildFailure`).
    public func draft(in content: EditorContent) throws -> Draft {
        let (path, url) = content.file("annotations", id)
        var problems = content.problems(withNewID: id, in: "annotations")
        let kindValue = kind ?? AnnotationKind.context.rawValue
        if AnnotationKind(rawValue: kindValue) == nil {
            problems.append(.error(path, "unknown annotation kind \(Visible.quoted(kindValue))",
                                   hint: Suggestion.hint(for: kindValue, in: AnnotationKind.allCases.map(\.rawValue), listing: "kinds")))
        }
        if quote.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            problems.append(.error(path, "the quote is empty", hint: "pass the exact words of the article with --quote \"…\""))
        }
        let article: Article
        switch content.article(named: self.article, for: path) {
        case .success(let a): article = a
        case .failure(let d): throw BuildFailure(diagnostics: problems + [d])
        }
        guard problems.isEmpty else { throw BuildFailure(diagnostics: problems) }

        let entities = try Self.anchoredEntities(quote: quote, in: article, content: content, path: path)
        var lines = ["---", "quote: " + YAMLText.quoted(quote)]
        // Written even when the dossier has one article, so the note stays put when a second arrives.
        lines.append("article: " + article.id)
        lines.append(YAMLText.flowList("entities", entities))
        lines.append("kind: " + kindValue)
        lines.append("lang: " + YAMLText.plainOrQuoted(article.language))
        lines += ["---", ""]
        let text = lines.joined(separator: "\n")
        let _: Annotation = try content.loadBack(text, as: .annotation, id: id, path: path)
        var draft = Draft(path: path, url: url, text: text)
        draft.notes = ["write the note below the front matter; add 'author', 'date' (YYYY-MM-DD) and 'sources' (title and url) as the other notes do"]
        if entities.isEmpty { draft.notes.append("no entity is mentioned in the quote's paragraph: list the note's entities in 'entities'") }
        return draft
    }

    /// The entities the quote's paragraph mentions or links, as the linker finds them: those inside
    /// the quote first, then those around it, each once, in reading order. Throws the build's own
    /// diagnostic when the quote is not found once.
    static func anchoredEntities(quote: String, in article: Article, content: EditorContent, path: String) throws -> [String] {
        let blocks = Linker.resolveWikiLinks(article, index: content.index).blocks
        switch QuoteAnchor(blocks: blocks).locate(quote) {
        case .notFound(let closest):
            throw BuildFailure(diagnostics: [.error(path, "the quote is not in \(article.path)",
                                                    hint: QuoteDifference.hint(quote: quote, closest: closest))])
        case .ambiguous(let count):
            throw BuildFailure(diagnostics: [.error(path, "the quote occurs \(count) times in \(article.path)",
                                                    hint: "lengthen the quote with neighbouring words until it occurs once")])
        case .found(let location):
            let inlines = BlockWalk.paragraphs(of: blocks[location.block])[location.paragraph]
            // The linker's matching (`InlineRewriter.linkMentions`): the index's matcher on the
            // paragraph's text as a reader sees it, links and `[[!words]]` left out; exclusions name no one.
            let normalized = ArabicNormalizer.normalize(InlineSpans.matchableText(inlines))
            var found: [(String, Range<Int>)] = content.index.matcher.matches(in: normalized)
                .filter { $0.target != EntityIndex.excluded }
                .map { ($0.target, normalized.originalRange(of: $0.range)) }
            var position = 0
            found += wikiLinks(in: inlines, index: content.index, position: &position)
            found.sort { $0.1.lowerBound < $1.1.lowerBound }
            let inside = found.filter { $0.1.overlaps(location.range) }, around = found.filter { !$0.1.overlaps(location.range) }
            var ids: [String] = []
            for (id, _) in inside + around where !ids.contains(id) { ids.append(id) }
            return ids
        }
    }

    /// Entities linked with `[[id]]` (resolved into links to their pages, `…entities/ID.html`), with
    /// their ranges in the paragraph's plain text.
    static func wikiLinks(in inlines: [Inline], index: EntityIndex, position: inout Int) -> [(String, Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        for inline in inlines {
            let length = InlineSpans.length(inline)
            switch inline {
            case .link(let destination, _, _):
                let parts = destination.split(separator: "/")
                if parts.count >= 2, parts[parts.count - 2] == "entities", parts.last!.hasSuffix(".html") {
                    let id = String(parts.last!.dropLast(".html".count))
                    if index.entities[id] != nil { found.append((id, position..<(position + length))) }
                }
                position += length
            case .emphasis(let c), .strong(let c), .custom(_, _, let c):
                var inner = position
                found += wikiLinks(in: c, index: index, position: &inner)
                position += length
            default:
                position += length
            }
        }
        return found
    }
}
