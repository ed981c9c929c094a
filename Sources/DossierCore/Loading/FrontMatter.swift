import Foundation
import Yams

/// A content file split into its YAML front matter and Markdown body.
struct FrontMatter {
    let mapping: Node.Mapping
    /// Line of the opening `---` (front-matter errors point here when a field is missing).
    let openingLine: Int
    let body: MarkdownSource

    /// Splits `file` at its `---` lines and composes the YAML, shifting YAML positions to file lines.
    static func parse(_ file: ContentFile) -> Result<FrontMatter, Diagnostic> {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            return .failure(.error(file.path, line: 1, column: 1, "missing front matter",
                                   hint: "start the file with a line '---', the fields, and another '---'; did you forget to add '---'?"))
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            return .failure(.error(file.path, line: 1, column: 1, "the front matter is never closed",
                                   hint: "add a line '---' after the last field"))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        let source = MarkdownSource(text: body, firstLine: closing + 2)
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                return .success(FrontMatter(mapping: Node.Mapping([]), openingLine: 1, body: source))
            }
            guard let mapping = node.mapping else {
                let mark = node.mark
                return .failure(.error(file.path, line: (mark?.line ?? 0) + 1, column: mark?.column ?? 1,
                                       "the front matter must be a list of 'key: value' fields",
                                       hint: "write each field on its own line, for example 'name: روسيا'"))
            }
            return .success(FrontMatter(mapping: mapping, openingLine: 1, body: source))
        } catch {
            return .failure(YAMLErrors.diagnostic(for: error, path: file.path, lineOffset: 1))
        }
    }
}

/// Turns Yams errors into editor diagnostics at file positions.
enum YAMLErrors {
    static func diagnostic(for error: Error, path: String, lineOffset: Int) -> Diagnostic {
        let hint = "check the indentation and quote values that contain ':' or start with a symbol, for example title: \"…\""
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .error(path, line: mark.line + lineOffset, column: mark.column, "YAML syntax error: \(problem)", hint: hint)
            case .duplicatedKeysInMapping(let duplicates, let context):
                return .error(path, line: context.mark.line + lineOffset, column: context.mark.column,
                              "duplicate key '\(duplicates.joined(separator: "', '"))'",
                              hint: "each field may appear once; remove or merge the repeated one")
            default:
                return .error(path, line: lineOffset, column: 1, "YAML error: \(yamlError)", hint: hint)
            }
        }
        return .error(path, line: lineOffset, column: 1, "YAML error: \(error)", hint: hint)
    }
}
