import Yams
import DossierModel

/// Turns Yams errors into editor diagnostics at file positions.
///
/// Yams's marks are 1-based lines and columns (columns in Unicode scalars) of the YAML text, so a
/// file line is a mark's line plus the line of the opening fence. Two kinds of error are moved to
/// where the editor has to act: libyaml notices an unclosed `[`, `{`, quote or key only where the
/// next token fails, often on the next line, so those point at the opening character; and Yams
/// reports a duplicate key at its first occurrence, while the mistake is the repeated one.
enum YAMLErrors {
    static let hint = "check the indentation and quote values that contain ':' or start with a symbol, for example title: \"…\""

    /// Contexts that name a construct opened by one character (its context mark) and closed later.
    static let openedConstructs: [String: String] = [
        "while parsing a flow sequence": "the list opened here with '[' is not closed where it should be; close it with ']' on this line, or quote the value",
        "while parsing a flow mapping": "the mapping opened here with '{' is not closed where it should be; close it with '}' on this line, or quote the value",
        "while scanning a quoted scalar": "the quote opened here is never closed; end the value with the same quote mark",
        "while scanning a simple key": "this line needs a ':' after its key, for example 'name: روسيا'",
    ]

    /// `yaml` is the text given to Yams; its line 1 is file line `lineOffset + 1`.
    static func diagnostics(for error: Error, yaml: String, path: String, lineOffset: Int) -> [Diagnostic] {
        guard let yamlError = error as? YamlError else {
            return [.error(path, line: lineOffset + 1, column: 1, "YAML error: \(Visible.text("\(error)"))", hint: hint)]
        }
        let lines = YAMLLines(yaml)
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var (line, column) = lines.clamped(mark)
            var advice = hint
            if let context, let opened = openedConstructs[context.text], context.mark.line < mark.line {
                (line, column) = lines.clamped(context.mark)
                advice = opened
            }
            return [.error(path, line: line + lineOffset, column: column, "YAML syntax error: \(problem)", hint: advice)]
        case .reader(let problem, let offset, let value, _):
            // libyaml refuses control characters other than tab and line breaks; the offset counts Characters.
            let (line, column) = offset.map { lines.position(ofCharacter: $0) } ?? (1, 1)
            let character = Unicode.Scalar(UInt32(max(value, 0))).map { ": \(Visible.quoted(String($0)))" } ?? ""
            return [.error(path, line: line + lineOffset, column: column, "YAML syntax error: \(problem)\(character)",
                           hint: "delete the invisible character; in a value between double quotes it may be written as an escape such as \\t")]
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicates.enumerated().map { n, name in
                // Yams's mark is the first occurrence of the first name (the names are sorted alike).
                let first = n == 0 ? " (first set on line \(context.mark.line + lineOffset))" : ""
                let (line, column) = lines.repeatedKey(name) ?? (context.mark.line, context.mark.column)
                return .error(path, line: line + lineOffset, column: column, "duplicate key \(Visible.quoted(name))",
                              hint: "each field may appear once\(first); remove or merge the repeated one")
            }
        default:
            return [.error(path, line: lineOffset + 1, column: 1, "YAML error: \(Visible.text(yamlError.description))", hint: hint)]
        }
    }
}

/// The lines of a YAML text, ending at LF, CRLF or a lone CR as they do for libyaml.
struct YAMLLines {
    let text: String
    /// Each line's scalars, without its line break.
    let ranges: [Range<String.Index>]

    init(_ text: String) {
        self.text = text
        var ranges: [Range<String.Index>] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            guard s == "\n" || s == "\r" else { i = scalars.index(after: i); continue }
            ranges.append(start..<i)
            i = scalars.index(after: i)
            if s == "\r", i < scalars.endIndex, scalars[i] == "\n" { i = scalars.index(after: i) }
            start = i
        }
        ranges.append(start..<scalars.endIndex)
        self.ranges = ranges
    }

    func columns(ofLine line: Int) -> Int {
        text.unicodeScalars[ranges[line - 1]].count
    }

    /// A mark within the text: libyaml ends the stream on a line of its own, after the last one,
    /// where an editor sees the closing fence; that end is the end of the last line instead.
    func clamped(_ mark: Mark) -> (Int, Int) {
        guard mark.line > ranges.count || (mark.line == ranges.count && mark.column > columns(ofLine: mark.line) + 1) else {
            return (max(mark.line, 1), max(mark.column, 1))
        }
        var last = ranges.count
        while last > 1, text.unicodeScalars[ranges[last - 1]].allSatisfy({ $0 == " " || $0 == "\t" }) { last -= 1 }
        return (last, columns(ofLine: last) + 1)
    }

    /// The line and column (in scalars, 1-based) of the Character at `offset`.
    func position(ofCharacter offset: Int) -> (Int, Int) {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return (ranges.count, 1) }
        let line = ranges.lastIndex { $0.lowerBound <= index } ?? 0
        return (line + 1, text.unicodeScalars[ranges[line].lowerBound..<index].count + 1)
    }

    /// Where `name` is repeated as a key: the first line at which the text cut after it already has
    /// the duplicate (exact for any nesting, block or flow style), and the key's column on that line.
    func repeatedKey(_ name: String) -> (Int, Int)? {
        // Front matter is a few dozen lines; a longer text is not searched, and the first key is shown.
        guard ranges.count <= 2_000 else { return nil }
        for line in 1...ranges.count {
            do {
                _ = try FrontMatter.compose(String(text[..<ranges[line - 1].upperBound]))
            } catch YamlError.duplicatedKeysInMapping(let duplicates, _) where duplicates.contains(name) {
                return (line, column(ofKey: name, onLine: line))
            } catch {}
        }
        return nil
    }

    /// The column of the last `name` on the line that is followed by ':' (after a closing quote and
    /// spaces), at its opening quote if it has one; else the line's first character.
    func column(ofKey name: String, onLine line: Int) -> Int {
        let scalars = Array(text.unicodeScalars[ranges[line - 1]])
        let key = Array(name.unicodeScalars)
        var found: Int?
        var i = 0
        while !key.isEmpty, i + key.count <= scalars.count {
            if Array(scalars[i..<(i + key.count)]) == key {
                var j = i + key.count
                if j < scalars.count, scalars[j] == "\"" || scalars[j] == "'" { j += 1 }
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if j < scalars.count, scalars[j] == ":" {
                    found = i > 0 && (scalars[i - 1] == "\"" || scalars[i - 1] == "'") ? i - 1 : i
                }
            }
            i += 1
        }
        return (found ?? scalars.firstIndex { $0 != " " && $0 != "\t" } ?? 0) + 1
    }
}
