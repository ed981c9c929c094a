import ArabicText
import DossierModel
import DossierLinking

/// `dossier check --suggest`: names the linker does not find but an editor probably meant, as notes
/// (`path:line:col: note: …`) whose hint is the command or edit that makes them entities.
///
/// Two kinds, both read line by line from the articles' Markdown (headings left out, as the
/// linker leaves them), with the linker's normalisation, tokeniser and matcher:
///
/// - **Near misses**: words not matched by any name that are one or two letters from an entity's
///   name or alias (`NearMiss`): «بيونج يانج» for «بيونغ يانغ».
/// - **Unlisted names**: phrases of two or three words that occur at least twice in the articles
///   and at least once in the annotations' notes, matched by no entity, with no common word and no
///   digit in them (`RepeatedPhrase`). Arabic has no capital letters to tell a name from a phrase,
///   so a phrase repeated across the article and the editors' own notes, made only of words that
///   are not among the language's most common, is the closest defensible sign of a name.
///
/// The lists are sorted by file, line and column, so two runs print the same thing.
public enum ContentSuggestions {
    public static func find(in content: EditorContent) -> [Diagnostic] {
        let lines = content.site.articles.flatMap { article in
            TextLine.lines(of: article.markdown, path: article.path, index: content.index)
        }
        let noteLines = content.site.annotations.flatMap { note in
            TextLine.lines(of: note.markdown, path: note.path, index: content.index)
        }
        let notes = NearMiss.find(in: lines, entities: content.site.entities) + RepeatedPhrase.find(in: lines, notes: noteLines)
        return notes.sorted { ($0.path, $0.line, $0.column, $0.summary) < ($1.path, $1.line, $1.column, $1.summary) }
    }
}

/// One line of an article or note, normalised and split into words, with the words any name
/// covers marked.
struct TextLine {
    let path: String
    let line: Int
    let text: NormalizedText
    let tokens: [Token]
    /// Per token: the entity whose name's match it is inside (the empty string for an exclusion,
    /// which editors looked at), or nil.
    let coveredBy: [String?]

    static func lines(of source: MarkdownSource, path: String, index: EntityIndex) -> [TextLine] {
        var result: [TextLine] = []
        for (n, raw) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.trimmingPrefix(while: { $0 == " " }).hasPrefix("#") { continue }
            let normalized = ArabicNormalizer.normalize(line)
            let tokens = Tokenizer.tokens(of: normalized)
            guard !tokens.isEmpty else { continue }
            let matches = index.matcher.matches(in: normalized)
            let coveredBy = tokens.map { token in matches.first { $0.range.overlaps(token.range) }?.target }
            result.append(TextLine(path: path, line: source.firstLine + n, text: normalized, tokens: tokens, coveredBy: coveredBy))
        }
        return result
    }

    /// Whether tokens `range` are one run of words: only spaces between them, no punctuation.
    func isRun(_ range: Range<Int>) -> Bool {
        range.dropFirst().allSatisfy { k in
            text.scalars[tokens[k - 1].range.upperBound..<tokens[k].range.lowerBound].allSatisfy { $0.properties.isWhitespace }
        }
    }

    /// The words of tokens `range` as written in the file, and their 1-based column in characters.
    func written(_ range: Range<Int>, droppingScalars dropped: Int = 0) -> (text: String, column: Int) {
        let original = text.originalRange(of: tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound)
        let start = min(original.lowerBound + dropped, original.upperBound)
        var before = String.UnicodeScalarView(), words = String.UnicodeScalarView()
        before.append(contentsOf: text.original[..<original.lowerBound])
        words.append(contentsOf: text.original[start..<original.upperBound])
        return (String(words), String(before).count + 1)
    }
}

/// Words one or two letters from a name, not matched by any.
enum NearMiss {
    /// Names shorter than this many letters are left out: among short words, one letter turns a
    /// name into an ordinary word (الصين, الدين).
    static let minimumLetters = 6

    /// How many letters may differ: one from six letters, two from nine.
    static func allowedDistance(letters: Int) -> Int { letters >= 9 ? 2 : letters >= minimumLetters ? 1 : 0 }

    struct Name {
        let entity: Entity
        /// As the entity's file writes it.
        let written: String
        /// Normalised words.
        let words: [String]
        let key: [Character]
        /// The first word with each proclitic it may carry (`Proclitics.variants`), and how many
        /// letters the proclitics add.
        let firstForms: [(form: String, added: Int)]
    }

    static func find(in lines: [TextLine], entities: [Entity]) -> [Diagnostic] {
        var names: [Name] = [], seenKeys: Set<String> = []
        for entity in entities {
            for alias in [entity.name] + entity.aliases.map(\.value) {
                let words = Tokenizer.words(of: alias)
                let key = words.joined(separator: " ")
                guard !words.isEmpty, words.joined().count >= minimumLetters, seenKeys.insert(key).inserted else { continue }
                let first = words[0]
                let forms = Proclitics.variants(of: first).map { form in (form, form.count - first.count) }
                names.append(Name(entity: entity, written: alias, words: words, key: Array(key), firstForms: forms))
            }
        }
        var reported: Set<String> = []
        var result: [Diagnostic] = []
        for line in lines {
            for name in names {
                let n = name.words.count
                guard line.tokens.count >= n else { continue }
                let limit = allowedDistance(letters: name.key.count)
                for start in 0...(line.tokens.count - n) {
                    let range = start..<(start + n)
                    // Cheap first: the words' length, spaces and up to three letters of proclitics included.
                    let length = line.tokens[range].reduce(n - 1) { $0 + $1.range.count }
                    guard length >= name.key.count - limit, length <= name.key.count + limit + 3 else { continue }
                    // Words may be part of a shorter name of the same entity (كيم in «كيم جونج أون»).
                    let covering = line.coveredBy[range]
                    guard covering.contains(nil), covering.allSatisfy({ $0 == nil || $0 == name.entity.id }), line.isRun(range) else { continue }
                    let words = line.tokens[range].map(\.text)
                    guard let dropped = closeness(of: words, to: name) else { continue }
                    let (written, column) = line.written(range)
                    let bare = line.written(range, droppingScalars: dropped).text
                    guard reported.insert(name.entity.id + "\u{0}" + ArabicNormalizer.key(bare)).inserted else { continue }
                    result.append(Diagnostic(.note, line.path, line: line.line, column: column,
                                             "\(Visible.quoted(written)) is not linked, but it is close to \(Visible.quoted(name.written)), a name of \(name.entity.id)",
                                             hint: "if it means \(name.entity.id), add '\(bare)' to 'aliases' in \(name.entity.path) (or correct the spelling); if it names someone or something else: dossier new entity <id> --name \"\(bare)\" --kind \(name.entity.kind.rawValue)"))
                }
            }
        }
        return result
    }

    /// How many letters of proclitics the words carry when they are a near miss of `name`; nil
    /// when they are not. A difference only in the last two letters is an inflection (الروسية is
    /// not روسيا, and suffixes are never stripped), not a spelling.
    static func closeness(of words: [String], to name: Name) -> Int? {
        for (form, added) in name.firstForms where words[0].count > added {
            // The proclitics must be the name's own (و, ب, لل…): the difference lies in the name.
            let clitic = form.prefix(added)
            guard words[0].hasPrefix(clitic) else { continue }
            let candidate = Array(([String(words[0].dropFirst(added))] + words.dropFirst()).joined(separator: " "))
            let limit = allowedDistance(letters: name.key.count)
            guard abs(candidate.count - name.key.count) <= limit, candidate != name.key else { continue }
            let shared = zip(candidate, name.key).prefix { $0 == $1 }.count
            guard shared < min(candidate.count, name.key.count) - 2 else { continue }
            if Suggestion.distance(candidate, name.key) <= limit { return added }
        }
        return nil
    }
}

/// Phrases repeated across the articles and the notes that no entity names.
enum RepeatedPhrase {
    /// At least this many times in the articles, and once in the notes.
    static let articleOccurrences = 2
    static let noteOccurrences = 1

    static func find(in lines: [TextLine], notes: [TextLine]) -> [Diagnostic] {
        var inArticles: [String: [(line: TextLine, range: Range<Int>)]] = [:]
        var order: [String] = []
        for line in lines {
            for (key, range) in phrases(in: line) {
                if inArticles[key] == nil { order.append(key) }
                inArticles[key, default: []].append((line, range))
            }
        }
        var inNotes: [String: Int] = [:]
        for line in notes {
            for (key, _) in phrases(in: line) where inArticles[key] != nil { inNotes[key, default: 0] += 1 }
        }
        let wanted = order.filter { (inArticles[$0]?.count ?? 0) >= articleOccurrences && (inNotes[$0] ?? 0) >= noteOccurrences }
        // A phrase inside a longer one found as often is that longer phrase.
        let kept = wanted.filter { key in
            !wanted.contains { other in other != key && other.count > key.count && " \(other) ".contains(" \(key) ") && inArticles[other]!.count == inArticles[key]!.count }
        }
        return kept.map { key in
            let first = inArticles[key]![0]
            let (written, column) = first.line.written(first.range)
            let count = inArticles[key]!.count, noted = inNotes[key] ?? 0
            return Diagnostic(.note, first.line.path, line: first.line.line, column: column,
                              "\(Visible.quoted(written)) occurs \(count) times in the articles and \(noted) in the notes, but no entity has this name",
                              hint: "if it names someone or something: dossier new entity <id> --name \"\(written)\" --kind <kind>")
        }
    }

    /// The line's runs of two and three words that could be a name, keyed by their normalised words.
    static func phrases(in line: TextLine) -> [(String, Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        for length in 2...3 {
            guard line.tokens.count >= length else { continue }
            for start in 0...(line.tokens.count - length) {
                let range = start..<(start + length)
                let words = line.tokens[range].map(\.text)
                guard line.coveredBy[range].allSatisfy({ $0 == nil }), line.isRun(range),
                      words.allSatisfy({ $0.count >= 2 && !CommonWords.contains($0) && !$0.contains(where: \.isNumber) })
                else { continue }
                result.append((words.joined(separator: " "), range))
            }
        }
        return result
    }
}
