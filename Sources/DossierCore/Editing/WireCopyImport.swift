import Foundation
import DossierModel
import DossierLoading
import DossierLinking

/// `dossier import`: plain-text wire copy made into an article file.
///
/// The format is the agencies' plain text as the first dossier received it: the title on the first
/// line; then one paragraph per line; a short line (at most `headingWords` words, not ending like
/// a sentence) is a section heading; lines starting with `•` are the article's highlights; the
/// source is the `«…»` after «عن» in an attribution that ends the text or a paragraph
/// («عن «ناشيونال إنترست» الأميركية»). An attribution on a line of its own goes to the front
/// matter only; one ending a paragraph stays in the text, as the paper printed it.
public struct WireCopyImport: Sendable {
    public var id: String
    public var text: String
    /// Overrides the source found in the text (or gives one when none is).
    public var source: String?

    public init(id: String, text: String, source: String? = nil) {
        self.id = id
        self.text = text
        self.source = source
    }

    /// Without an id, the file's name made into one (`000_46c2.txt` → `000-46c2`).
    public init(id: String?, fileName: String, text: String, source: String? = nil) {
        let stem = fileName.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? "" } ?? ""
        self.init(id: id ?? ContentLoader.suggestedID(for: stem), text: text, source: source)
    }

    /// Lines of at most this many words can be headings.
    static let headingWords = 8

    /// What the text holds, before it is written as a file.
    struct Parsed: Equatable {
        var title: String
        var source: String?
        var highlights: [String]
        /// Markdown blocks: paragraphs, and headings as `## …`.
        var blocks: [String]
    }

    static func parse(_ text: String) -> Parsed? {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { InlineRewriter.trimmingSpaces(String($0)) }
            .filter { !$0.isEmpty }
        guard let title = lines.first else { return nil }
        var parsed = Parsed(title: title, source: nil, highlights: [], blocks: [])
        for line in lines.dropFirst() {
            if line.hasPrefix("•") {
                parsed.highlights.append(InlineRewriter.trimmingSpaces(String(line.dropFirst())))
            } else if let (source, isWholeLine) = attribution(in: line), isWholeLine {
                parsed.source = source
            } else if isHeading(line) {
                parsed.blocks.append("## " + MarkdownEscaping.escape(line))
            } else {
                if let (source, _) = attribution(in: line) { parsed.source = source }
                parsed.blocks.append(MarkdownEscaping.escape(line))
            }
        }
        return parsed
    }

    /// A short line that does not end like a sentence.
    static func isHeading(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last, last.properties.isAlphabetic || last.properties.numericType != nil else { return false }
        return line.split(whereSeparator: { $0.isWhitespace }).count <= headingWords
    }

    /// The `«…»` after «عن» in an attribution ending `line` (at most two words after it, no
    /// sentence punctuation), and whether the attribution is the whole line.
    static func attribution(in line: String) -> (source: String, isWholeLine: Bool)? {
        guard let start = line.range(of: "عن «", options: .backwards) else { return nil }
        if start.lowerBound > line.startIndex {
            let before = line[line.index(before: start.lowerBound)]
            guard before.isWhitespace || ".؟!:؛»".contains(before) else { return nil }
        }
        let afterOpen = line[start.upperBound...]
        guard let close = afterOpen.firstIndex(of: "»") else { return nil }
        let name = afterOpen[..<close]
        let rest = line[line.index(after: close)...]
        guard !name.isEmpty, !name.contains("«"),
              rest.split(whereSeparator: { $0.isWhitespace }).count <= 2,
              !rest.contains(where: { ".؟!:؛،«»()".contains($0) }) else { return nil }
        let isWholeLine = line[..<start.lowerBound].allSatisfy(\.isWhitespace)
        return ("«" + name + "»", isWholeLine)
    }

    /// The file to write, or every problem that stops it (thrown as a `BuildFailure`).
    public func draft(in content: EditorContent, from display: String) throws -> Draft {
        let (path, url) = content.file("articles", id)
        var problems = content.problems(withNewID: id, in: "articles")
        guard let parsed = Self.parse(text) else {
            throw BuildFailure(diagnostics: problems + [.error(display, "the file is empty", hint: "the title goes on the first line, then one paragraph per line")])
        }
        let source = self.source ?? parsed.source
        if source == nil {
            problems.append(.error(display, "no source found", hint: "end the text with a line such as «عن «اسم المصدر»», or pass --source \"…\""))
        }
        if parsed.blocks.isEmpty {
            problems.append(.error(display, "no paragraph after the title", hint: "the title goes on the first line, then one paragraph per line"))
        }
        guard problems.isEmpty, let source else { throw BuildFailure(diagnostics: problems) }

        var lines = ["---", "title: " + YAMLText.quoted(parsed.title), "source: " + YAMLText.quoted(source)]
        if !parsed.highlights.isEmpty { lines += YAMLText.blockList("highlights", parsed.highlights, quoting: YAMLText.quoted) }
        lines += ["---", ""]
        let text = lines.joined(separator: "\n") + "\n" + parsed.blocks.joined(separator: "\n\n") + "\n"
        let _: Article = try content.loadBack(text, as: .article, id: id, path: path)
        var draft = Draft(path: path, url: url, text: text)
        let headings = parsed.blocks.filter { $0.hasPrefix("## ") }.count
        draft.notes = ["\(parsed.blocks.count - headings) paragraphs, \(headings) headings, \(parsed.highlights.count) highlights; source \(source)",
                       "check the headings, then add 'published' (YYYY-MM-DD) and 'source_url' to the front matter"]
        return draft
    }
}

/// Wire copy is plain text: characters Markdown would read as markup are escaped, so the article
/// shows them as they were sent.
enum MarkdownEscaping {
    static func escape(_ line: String) -> String {
        var result = ""
        for character in line {
            if "\\`*_[]<>&".contains(character) { result.append("\\") }
            result.append(character)
        }
        // What starts a block: a heading, quotation, list item, rule or table.
        if let first = result.first, "#>+-=|".contains(first) { result.insert("\\", at: result.startIndex) }
        let digits = result.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count < 10, let next = result.dropFirst(digits.count).first, next == "." || next == ")" {
            result.insert("\\", at: result.index(result.startIndex, offsetBy: digits.count))
        }
        return result
    }
}
