import Foundation
import Yams
import DossierModel

/// Reads typed fields out of a YAML mapping, recording a diagnostic for every field that is
/// missing, of the wrong type, malformed or unknown, with its file position.
struct FieldReader {
    let path: String
    let mapping: Node.Mapping
    /// Added to YAML line numbers to give file lines.
    let lineOffset: Int
    /// Where to point when a required field is missing.
    let missingLine: Int
    private(set) var diagnostics: [Diagnostic] = []

    /// The mapping's values by key, as `mapping[key]` finds them (a key equal to the plain string,
    /// the last one where a key repeats), looked up once each rather than compared with every key
    /// at each read.
    private let fields: [String: Node]

    init(path: String, mapping: Node.Mapping, lineOffset: Int, missingLine: Int) {
        self.path = path
        self.mapping = mapping
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, key == Node(scalar.string, mapping.tag.copy(with: .implicit)) else { continue }
            fields[scalar.string] = value
        }
        self.fields = fields
        self.lineOffset = lineOffset
        self.missingLine = missingLine
        warnAboutBidiControls()
    }

    /// The value of `key`, as `mapping[key]` gives it.
    func field(_ key: String) -> Node? { fields[key] }

    /// Warns once per key or value, of every field and whether read or not, that holds a bidi
    /// embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069). Invisible in most
    /// editors, one left unclosed on a page reorders the text around the value (a name reversed in
    /// a heading, a link, the page title). A warning, not an error: the text can be meant.
    private mutating func warnAboutBidiControls() {
        var found: [(Node, String)] = []
        func visit(_ node: Node, _ what: String) {
            switch node {
            case .scalar(let scalar):
                if Self.holdsBidiControl(scalar.string) { found.append((node, what)) }
            case .sequence(let sequence):
                for item in sequence { visit(item, what) }
            case .mapping(let inner):
                for (k, v) in inner { visit(k, "the name of a field in \(what)"); visit(v, what) }
            case .alias:
                break
            }
        }
        // The descriptions are made only for the rare field that holds a control.
        for (key, value) in mapping where Self.holdsBidiControl(key) || Self.holdsBidiControl(value) {
            let name = Visible.quoted(key.string ?? "")
            visit(key, "the field name \(name)")
            visit(value, "the value of \(name)")
        }
        for (node, what) in found {
            var controls: [Unicode.Scalar] = []
            for scalar in node.string?.unicodeScalars ?? "".unicodeScalars where Self.isBidiControl(scalar) && !controls.contains(scalar) {
                controls.append(scalar)
            }
            let named = controls.map { "U+\(String($0.value, radix: 16, uppercase: true)) (\($0.properties.name ?? "bidi control"))" }
            let (line, column) = position(node)
            diagnostics.append(.warning(path, line: line, column: column,
                                        "\(what) contains the invisible bidi control\(named.count > 1 ? "s" : "") \(named.joined(separator: ", "))",
                                        hint: "delete it (most editors do not show it): on the page it can reverse the text around the value"))
        }
    }

    private static func holdsBidiControl(_ node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): holdsBidiControl(scalar.string)
        case .sequence(let sequence): sequence.contains(where: holdsBidiControl)
        case .mapping(let inner): inner.contains { holdsBidiControl($0.key) || holdsBidiControl($0.value) }
        case .alias: false
        }
    }

    /// Every control is U+2xxx, written from the byte E2; most texts have none.
    private static func holdsBidiControl(_ text: String) -> Bool {
        text.utf8.contains(0xE2) && text.unicodeScalars.contains(where: isBidiControl)
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` without the whitespace and newlines around it. Most values have none, and Foundation's
    /// trimming costs a bridge to NSString per value, so it runs only when an end is a space.
    static func trimmed(_ text: String) -> String {
        func mayBeSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return scalar.properties.isWhitespace
            }
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              mayBeSpace(first) || mayBeSpace(last) else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func position(_ node: Node) -> (Int, Int) {
        guard let mark = node.mark else { return (missingLine, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    mutating func error(at node: Node, _ summary: String, hint: String) {
        let (line, column) = position(node)
        diagnostics.append(.error(path, line: line, column: column, summary, hint: hint))
    }

    /// Reports every key that is not in `allowed`, suggesting the nearest allowed one.
    mutating func rejectUnknownKeys(allowed: [String]) {
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            error(at: key, "unknown field \(Visible.quoted(name))", hint: Suggestion.hint(for: name, in: allowed, listing: "fields"))
        }
    }

    mutating func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = fields[key] else {
            if required {
                diagnostics.append(.error(path, line: missingLine, column: 1, "missing required field '\(key)'",
                                          hint: "add a line '\(key): …' to the front matter"))
            }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            error(at: node, "field '\(key)' must be a single value", hint: "write it on one line: '\(key): …'")
            return nil
        }
        let value = Self.trimmed(scalar.string)
        if value.isEmpty || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(value)) {
            if required {
                error(at: node, "required field '\(key)' is empty", hint: "give '\(key)' a value")
            }
            return nil
        }
        let (line, column) = position(node)
        return Located(value, line: line, column: column)
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let located = string(key) else { return nil }
        switch located.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.append(.error(path, line: located.line, column: located.column, "field '\(key)' must be true or false",
                                      hint: "write '\(key): true' or '\(key): false'"))
            return nil
        }
    }

    mutating func stringList(_ key: String) -> [Located<String>] {
        guard let node = fields[key] else { return [] }
        switch node {
        case .scalar(let scalar):
            // A single value where a list was expected is accepted: `aliases: روسيا`.
            let value = Self.trimmed(scalar.string)
            guard !value.isEmpty else { return [] }
            let (line, column) = position(node)
            return [Located(value, line: line, column: column)]
        case .sequence(let sequence):
            var result: [Located<String>] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    error(at: item, "each item of '\(key)' must be a single value", hint: "write items as '- value'")
                    continue
                }
                let (line, column) = position(item)
                let value = Self.trimmed(scalar.string)
                if !value.isEmpty { result.append(Located(value, line: line, column: column)) }
            }
            return result
        default:
            error(at: node, "field '\(key)' must be a list", hint: "write '\(key):' and then one '- value' line per item")
            return []
        }
    }

    mutating func stringMap(_ key: String) -> [Located<String>: Located<String>] {
        guard let node = fields[key] else { return [:] }
        guard case .mapping(let inner) = node else {
            error(at: node, "field '\(key)' must be a list of 'key: value' lines",
                  hint: "write '\(key):' and then one indented 'name: text' line per entry")
            return [:]
        }
        var result: [Located<String>: Located<String>] = [:]
        for (k, v) in inner {
            guard let name = k.string, case .scalar(let scalar) = v else {
                error(at: k, "each entry of '\(key)' must be 'key: text'",
                      hint: "write each entry on its own indented line, for example '  name: text'")
                continue
            }
            let (kl, kc) = position(k)
            let (vl, vc) = position(v)
            result[Located(name, line: kl, column: kc)] = Located(scalar.string, line: vl, column: vc)
        }
        return result
    }

    /// `sources:` as a list of `title` and `url` pairs.
    mutating func sources() -> [SourceReference] {
        guard let node = fields["sources"] else { return [] }
        return sources(node)
    }

    /// A `sources` list given as its node (the field of a record, or of an event).
    mutating func sources(_ node: Node) -> [SourceReference] {
        guard case .sequence(let sequence) = node else {
            error(at: node, "field 'sources' must be a list", hint: "write '- title: …' and 'url: …' for each source")
            return []
        }
        var result: [SourceReference] = []
        for item in sequence {
            guard case .mapping(let entry) = item, let title = entry["title"]?.string, let url = entry["url"]?.string else {
                error(at: item, "each source needs a 'title' and a 'url'", hint: "- title: \"…\"\n      url: \"https://…\"")
                continue
            }
            for (k, _) in entry where !["title", "url"].contains(k.string ?? "") {
                error(at: k, "unknown field \(Visible.quoted(k.string ?? "")) in a source", hint: "a source has only 'title' and 'url'")
            }
            if !URLSafety.isWebURL(url) {
                error(at: entry["url"]!, "a source's url must start with https:// or http://",
                      hint: URLSafety.hint)
            }
            result.append(SourceReference(title: title, url: url))
        }
        return result
    }

    /// The keys an item of `events` may have.
    static let eventKeys = ["date", "text", "sources"]

    /// `events:` as a list of `date`, `text` and optional `sources`. An item with a problem is
    /// reported and left out; the others are read.
    mutating func events() -> [Event] {
        guard let node = fields["events"] else { return [] }
        let example = "- date: 2024-06-19\n    text: \"…\""
        guard case .sequence(let sequence) = node else {
            error(at: node, "field 'events' must be a list", hint: "write 'events:' and then, for each event, \(example)")
            return []
        }
        var result: [Event] = []
        for item in sequence {
            guard case .mapping(let entry) = item else {
                error(at: item, "each event needs a 'date' and a 'text'", hint: example)
                continue
            }
            var usable = true
            for (k, _) in entry where !Self.eventKeys.contains(k.string ?? "") {
                error(at: k, "unknown field \(Visible.quoted(k.string ?? "")) in an event",
                      hint: Suggestion.hint(for: k.string ?? "", in: Self.eventKeys, listing: "fields"))
                usable = false
            }
            var date: String?
            if let dateNode = entry["date"] {
                if case .scalar(let scalar) = dateNode, DateFormatCheck.isValid(Self.trimmed(scalar.string), dayRequired: false) {
                    date = Self.trimmed(scalar.string)
                } else {
                    error(at: dateNode, "\(Visible.quoted(dateNode.string ?? "")) is not a valid date for an event",
                          hint: "write it as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-06-19")
                }
            } else {
                error(at: item, "an event needs a 'date'", hint: "add 'date: YYYY-MM-DD' (or YYYY-MM, or YYYY) to the event")
            }
            var text: MarkdownSource?
            if let textNode = entry["text"] {
                if case .scalar(let scalar) = textNode, !Self.trimmed(scalar.string).isEmpty {
                    // A block scalar (`text: |`) starts on the line after its indicator.
                    let (line, _) = position(textNode)
                    let block = scalar.style == .literal || scalar.style == .folded
                    text = MarkdownSource(text: Self.trimmed(scalar.string), firstLine: block ? line + 1 : line)
                } else {
                    error(at: textNode, "an event's 'text' must be some words", hint: "write what happened in a sentence: 'text: \"…\"'")
                }
            } else {
                error(at: item, "an event needs a 'text'", hint: "add 'text: \"…\"' saying what happened")
            }
            var eventSources: [SourceReference] = []
            if let node = entry["sources"] { eventSources = self.sources(node) }
            guard usable, let date, let text else { continue }
            let (line, column) = position(item)
            result.append(Event(date: date, text: text, sources: eventSources, line: line, column: column))
        }
        return result
    }

    /// A language tag; one that is not well-formed BCP 47 is reported and still returned, so the
    /// rest of the file is read as usual (the build fails on the error anyway).
    mutating func languageTag(_ key: String, required: Bool = false) -> Located<String>? {
        guard let located = string(key, required: required) else { return nil }
        if !LanguageTag.isWellFormed(located.value) {
            diagnostics.append(.error(path, line: located.line, column: located.column,
                                      "\(Visible.quoted(located.value)) is not a BCP 47 language tag", hint: LanguageTag.hint))
        }
        return located
    }

    /// A date written YYYY, YYYY-MM or YYYY-MM-DD (only YYYY-MM-DD when `dayRequired`).
    mutating func date(_ key: String, dayRequired: Bool = false) -> String? {
        guard let located = string(key) else { return nil }
        if DateFormatCheck.isValid(located.value, dayRequired: dayRequired) { return located.value }
        diagnostics.append(.error(path, line: located.line, column: located.column,
                                  "\(Visible.quoted(located.value)) is not a valid date for '\(key)'",
                                  hint: dayRequired ? "write it as YYYY-MM-DD, for example 2024-06-19"
                                                    : "write it as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-06-19"))
        return nil
    }
}

enum DateFormatCheck {
    static func isValid(_ text: String, dayRequired: Bool) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (dayRequired ? parts.count == 3 : (1...3).contains(parts.count)),
              parts[0].count == 4, let year = Int(parts[0]), year > 0 else { return false }
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false }
            if parts.count == 3 {
                guard parts[2].count == 2, let day = Int(parts[2]) else { return false }
                let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
                let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
                return (1...days).contains(day)
            }
        }
        return true
    }
}

/// Which URLs editors may give for sources and links.
enum URLSafety {
    /// Why other schemes are refused and what to write instead.
    static let hint = "write the page's full address, for example https://example.org/page; other schemes (javascript:, data:, file:) could run code or open local files when a reader clicks the link"

    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
