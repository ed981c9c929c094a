import Foundation
import Yams
import DossierModel

/// A content file split into its YAML front matter and Markdown body.
struct FrontMatter {
    /// Why a file's front matter could not be read: usually one diagnostic, one per repeated key.
    struct Failure: Error {
        let diagnostics: [Diagnostic]
        init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
        init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
    }

    let mapping: Node.Mapping
    /// Line of the opening `---` (front-matter errors point here when a field is missing).
    let openingLine: Int
    let body: MarkdownSource

    /// Composes `yaml` as Dossier reads it: every scalar stays a string (`FieldReader` decides what
    /// a value means), so Yams's regular-expression tag resolution (bool, int, float, null,
    /// timestamp) is skipped, and the encoding is named rather than looked up in the process
    /// environment on every parse. Both were a large part of loading time on a large site.
    static func compose(_ yaml: String) throws -> Node? {
        try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    }

    /// Splits `file` at its `---` lines and composes the YAML, shifting YAML positions to file lines.
    static func parse(_ file: ContentFile) -> Result<FrontMatter, Failure> {
        // Lines found by bytes: content files can be large, and only the front matter needs reading.
        let text = file.text
        func isFence(_ line: Substring) -> Bool {
            let bytes = line.utf8
            guard bytes.count <= 12 else { return false }
            // The usual fence, with or without spaces and tabs around it, read as bytes; any other
            // short line goes through Foundation's trimming, which knows every Unicode space.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
                guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return false }
                let last = bytes.lastIndex(where: { !isSpace($0) })!
                return bytes[first...last].elementsEqual("---".utf8)
            }
            return line.trimmingCharacters(in: .whitespaces) == "---"
        }
        // Lines end at LF, CRLF or a lone CR, as they do for libyaml and cmark, so a file saved on
        // Windows (or by an old Mac editor) splits at the same lines, with the same numbers.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lines: [Range<String.Index>] = []
        var closing: Int?
        var index = utf8.startIndex
        var ended = false
        var bodyStart = text.endIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else { index = utf8.index(after: index); continue }
            lines.append(lineStart..<index)
            index = utf8.index(after: index)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            lineStart = index
            if lines.count == 1, !isFence(text[lines[0]]) { ended = true; break }
            if lines.count > 1, isFence(text[lines[lines.count - 1]]) { closing = lines.count - 1; bodyStart = index; ended = true; break }
        }
        if !ended {
            lines.append(lineStart..<text.endIndex)
            if lines.count > 1, isFence(text[lines[lines.count - 1]]) { closing = lines.count - 1 }
        }
        guard let first = lines.first, isFence(text[first]) else {
            return .failure(Failure(.error(file.path, line: 1, column: 1, "missing front matter",
                                           hint: "start the file with a line '---', the fields, and another '---'; did you forget to add '---'?")))
        }
        guard let closing else {
            return .failure(Failure(.error(file.path, line: 1, column: 1, "the front matter is never closed",
                                           hint: "add a line '---' after the last field")))
        }
        let yaml = lines[1..<closing].map { String(text[$0]) }.joined(separator: "\n")
        let source = MarkdownSource(utf8: file.bytes[utf8.distance(from: utf8.startIndex, to: bodyStart)...], firstLine: closing + 2)
        do {
            guard let node = try compose(yaml) else {
                return .success(FrontMatter(mapping: Node.Mapping([]), openingLine: 1, body: source))
            }
            guard let mapping = node.mapping else {
                let mark = node.mark
                return .failure(Failure(.error(file.path, line: (mark?.line ?? 0) + 1, column: mark?.column ?? 1,
                                               "the front matter must be a list of 'key: value' fields",
                                               hint: "write each field on its own line, for example 'name: روسيا'")))
            }
            return .success(FrontMatter(mapping: mapping, openingLine: 1, body: source))
        } catch {
            return .failure(Failure(YAMLErrors.diagnostics(for: error, yaml: yaml, path: file.path, lineOffset: 1)))
        }
    }
}
