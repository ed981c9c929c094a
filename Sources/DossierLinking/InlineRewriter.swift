import ArabicText
import DossierMarkdown
import DossierModel
import DossierMarkdownStage

/// Rewrites the inlines of one block: `[[id]]` links, quote highlights and entity mentions.
///
/// Works on values copied out of cmark, so each rewrite is a pure function of the block; the
/// generator's own markup goes in as `.custom` nodes, everything else stays cmark's to render.
package struct InlineRewriter {
    let index: EntityIndex
    /// The entity whose own page this is (never linked to itself).
    let ownEntity: String?
    let source: MarkdownSource
    let path: String

    var diagnostics: [Diagnostic] = []
    /// Entity ids referred to by `[[id]]` in this text.
    var wikiTargets: [String] = []
    /// The matcher's number of every name that matched, to warn about aliases that never do.
    var matchedPhrases: Set<Int> = []
    /// Where each line of `source` starts in its UTF-8, found when a diagnostic first needs a column.
    private var lineStarts: [Int] = []

    /// The link to entity `id` from the pages that show rendered Markdown, all one folder down.
    static func entityURL(_ id: String) -> String {
        SiteLayout.url(SiteLayout.entity(id), from: SiteLayout.pageOneFolderDown)
    }

    init(index: EntityIndex, ownEntity: String?, source: MarkdownSource, path: String) {
        self.index = index
        self.ownEntity = ownEntity
        self.source = source
        self.path = path
    }

    // MARK: [[id]] and [[id|label]]

    mutating func resolveWikiLinks(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        for inline in inlines {
            switch inline {
            case .text(let text, let position):
                result.append(contentsOf: wikiLinks(in: text, at: position))
            case .emphasis(let c): result.append(.emphasis(resolveWikiLinks(c)))
            case .strong(let c): result.append(.strong(resolveWikiLinks(c)))
            case .custom(let a, let b, let c): result.append(.custom(enter: a, exit: b, resolveWikiLinks(c)))
            case .link(let d, let t, let c): result.append(.link(destination: d, title: t, c.map(Self.restoreEscapes)))
            case .image(let d, let t, let c): result.append(.image(source: d, title: t, c.map(Self.restoreEscapes)))
            default: result.append(inline)
            }
        }
        return result
    }

    private mutating func wikiLinks(in text: String, at position: SourcePosition) -> [Inline] {
        guard Self.hasDoubleBracket(text) else { return [Self.restoreEscapes(.text(text, position))] }
        var result: [Inline] = []
        var rest = text[...]
        // Characters from the start of `text` to `counted`, carried forward from link to link.
        var counted = text.startIndex, charactersBefore = 0
        while let link = Self.nextWikiLink(in: rest) {
            var before = String(rest[..<link.range.lowerBound])
            let id = Self.trimmingSpaces(link.id)
            let label = link.label.map(Self.trimmingSpaces)
            // [[!words]]: the words as written, never read as a mention.
            if id.hasPrefix("!") {
                if !before.isEmpty { result.append(Self.restoreEscapes(.text(before, position))) }
                result.append(Self.notAMention(String(id.dropFirst()) + (link.label.map { "|" + $0 } ?? ""), at: position))
                rest = rest[link.range.upperBound...]
                continue
            }
            // A proclitic written against the link (و[[russia]]) joins the link, so the word is not split.
            let clitic = index.entities[id] == nil ? "" : Self.attachedProclitic(before)
            before.removeLast(clitic.count)
            if !before.isEmpty { result.append(Self.restoreEscapes(.text(before, position))) }
            if let entity = index.entities[id] {
                wikiTargets.append(id)
                let text: Inline
                if let label, !label.isEmpty {
                    text = .text(clitic + label, position)
                } else {
                    // The name is written in another file: isolated, so a bidi control in it cannot
                    // reorder the rest of this paragraph (see `Bidi`). The clitic goes inside, with
                    // the word it joins.
                    text = .custom(enter: "<bdi>", exit: "</bdi>", [.text(clitic + entity.name, position)])
                }
                result.append(.link(destination: Self.entityURL(id), title: "", [text]))
            } else {
                charactersBefore += text.distance(from: counted, to: link.range.lowerBound)
                counted = link.range.lowerBound
                let (line, column) = columnInSource(position, plus: charactersBefore)
                diagnostics.append(.error(path, line: line, column: column, "unknown entity \(Visible.quoted(id)) in [[\(Visible.text(id))]]",
                                          hint: Suggestion.hint(for: id, in: Array(index.entities.keys), listing: "entity ids")))
                result.append(.text(String(rest[link.range]), position))
            }
            rest = rest[link.range.upperBound...]
        }
        if !rest.isEmpty { result.append(Self.restoreEscapes(.text(String(rest), position))) }
        return result
    }

    /// Words an editor marked as no mention (`[[!words]]`): shown as written, passed over by the
    /// mention finder like a link. The empty custom node renders nothing of its own.
    static func notAMention(_ text: String, at position: SourcePosition) -> Inline {
        .custom(enter: "", exit: "", [restoreEscapes(.text(text, position))])
    }

    /// Whether `text` contains `[[`, scanning bytes (this runs on every text node of the site).
    static func hasDoubleBracket(_ text: some StringProtocol) -> Bool {
        ByteScan.containsPair(0x5B, in: text)
    }

    /// `text` without the spaces and tabs around it (Unicode space separators and U+0009, the set
    /// Foundation calls `.whitespaces`).
    package static func trimmingSpaces(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// The next `[[id]]` or `[[id|label]]` in `text`: no brackets inside, the label after the first `|`.
    static func nextWikiLink(in text: Substring) -> (range: Range<String.Index>, id: String, label: String?)? {
        var search = text.startIndex
        while let open = Self.doubleBracket(in: text[search...]) {
            var cursor = open.upperBound
            var closed: Range<String.Index>?
            while cursor < text.endIndex {
                let c = text[cursor]
                if c == "[" { break }
                if c == "]" {
                    let next = text.index(after: cursor)
                    if next < text.endIndex, text[next] == "]" { closed = cursor..<text.index(after: next) }
                    break
                }
                cursor = text.index(after: cursor)
            }
            guard let closed else {
                search = text.index(after: open.lowerBound)
                continue
            }
            let inner = text[open.upperBound..<closed.lowerBound]
            if let bar = inner.firstIndex(of: "|") {
                return (open.lowerBound..<closed.upperBound, String(inner[..<bar]), String(inner[inner.index(after: bar)...]))
            }
            return (open.lowerBound..<closed.upperBound, String(inner), nil)
        }
        return nil
    }

    /// The range of the first `[[` in `text`.
    static func doubleBracket(in text: Substring) -> Range<String.Index>? {
        guard let offset = ByteScan.firstPair(0x5B, in: text) else { return nil }
        let start = text.utf8.index(text.startIndex, offsetBy: offset)
        return start..<text.utf8.index(start, offsetBy: 2)
    }

    static let proclitics: Set<String> = ["و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"]

    /// The proclitic letters that end `text` as a word of their own (the start of the linked word).
    static func attachedProclitic(_ text: String) -> String {
        let word = String(text.reversed().prefix { Tokenizer.isWordScalar($0.unicodeScalars.first!) }.reversed())
        return proclitics.contains(word) ? word : ""
    }

    /// Escaped brackets (`\[`) were held as placeholders so they could not form `[[id]]`; now they become brackets.
    static func restoreEscapes(_ inline: Inline) -> Inline {
        switch inline {
        case .text(let s, let p):
            guard MarkdownStage.hasEscapePlaceholder(s) else { return inline }
            return .text(String(s.map { $0 == MarkdownStage.escapedOpen ? "[" : $0 == MarkdownStage.escapedClose ? "]" : $0 }), p)
        case .emphasis(let c): return .emphasis(c.map(restoreEscapes))
        case .strong(let c): return .strong(c.map(restoreEscapes))
        case .link(let d, let t, let c): return .link(destination: d, title: t, c.map(restoreEscapes))
        case .image(let d, let t, let c): return .image(source: d, title: t, c.map(restoreEscapes))
        case .custom(let a, let b, let c): return .custom(enter: a, exit: b, c.map(restoreEscapes))
        default: return inline
        }
    }

    /// cmark counts columns in bytes; editors count characters. The body's lines are found once,
    /// not for every diagnostic: a body may hold thousands of unknown links.
    mutating func columnInSource(_ position: SourcePosition, plus characters: Int) -> (Int, Int) {
        guard position.line > 0 else { return (source.firstLine, 1) }
        let utf8 = source.utf8
        if lineStarts.isEmpty {
            lineStarts = [utf8.startIndex]
            for i in utf8.indices where utf8[i] == 0x0A { lineStarts.append(i + 1) }
        }
        let index = position.line - source.firstLine
        guard lineStarts.indices.contains(index) else { return (position.line, position.column + characters) }
        let lineEnd = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : utf8.endIndex
        let line = utf8[lineStarts[index]..<lineEnd]
        let prefix = line.prefix(min(max(position.column - 1, 0), line.count))
        let charColumn = (String(validating: prefix, as: UTF8.self) ?? String(decoding: prefix, as: UTF8.self)).count + 1
        return (position.line, charColumn + characters)
    }

    // MARK: Mentions

    /// Links the first mention of each entity in this block and records every mention as
    /// (entity id, scalar range in the block's plain text, from `offset`). Names are found in the
    /// block's text as a reader sees it, so a name broken by a line break in the Markdown, or
    /// running into or out of bold text or a highlight, is found and linked whole
    /// (`InlineSpans.link`). Links, images, code and `[[!words]]` are never read.
    mutating func linkMentions(_ inlines: [Inline], linked: inout Set<String>, mentions: inout [(String, Range<Int>)], offset: inout Int) -> [Inline] {
        let text = InlineSpans.matchableText(inlines)
        let normalized = ArabicNormalizer.normalize(text)
        let base = exchange(&offset, with: offset + normalized.source.scalars.count)
        var result = inlines
        for match in index.matcher.matches(in: normalized) where match.target != ownEntity && match.target != EntityIndex.excluded {
            let range = normalized.originalRange(of: match.range)
            mentions.append((match.target, (base + range.lowerBound)..<(base + range.upperBound)))
            matchedPhrases.insert(match.phraseID)
            guard linked.insert(match.target).inserted else { continue }
            // Linking leaves the plain text as it was, so the ranges of later matches still hold.
            let destination = Self.entityURL(match.target)
            result = InlineSpans.link(result, range) { .link(destination: destination, title: "", $0) }
        }
        return result
    }
}
