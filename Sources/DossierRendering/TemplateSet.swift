import Foundation
import Mustache
import DossierModel

/// The Mustache templates of `Templates/`, parsed one by one so every syntax error is reported,
/// and checked for unknown partials and fields, which Mustache itself would render as "".
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Template name → source text, for linting.
    let sources: [String: String]
    /// Every template's name and source: pages rendered from other templates are never reused.
    var digest: Digest {
        var d = Digester("templates")
        d.add(sources.count)
        for name in sources.keys.sorted() { d.add(name); d.add(sources[name]!) }
        return d.finish()
    }
    let displayRoot: String

    /// The templates the renderer asks for, one per page kind.
    public static let pageTemplates = ["index", "article", "entity", "entities", "annotations", "404", "search", "sitemap", "chronology", "feed"]

    public static func load(from directory: URL) -> (TemplateSet?, [Diagnostic]) {
        let display = PathDisplay.display(directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [.error(display, "templates folder not found", hint: "run dossier from the dossier's root folder, or pass --templates PATH")])
        }
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        let contained = ContainedPath(directory)
        let files = DirectoryListing.entries(under: directory.path)
            .filter { !$0.isDirectory && $0.path.hasSuffix(".mustache") && !$0.path.hasPrefix("assets/") }
            .filter { entry in
                guard entry.isSymbolicLink, let problem = contained.problem(at: directory.path + "/" + entry.path, display: "\(display)/\(entry.path)") else { return true }
                diagnostics.append(problem)
                return false
            }
            .map(\.path).sorted()
        // Read and parsed on all cores (swift-mustache's parser is slow next to the rest of a small
        // rebuild); collected in file order.
        _ = DossierHTMLContentType.registered
        let parsed = ParallelMap.map(files) { file -> (name: String, text: String?, template: MustacheTemplate?, diagnostic: Diagnostic?) in
            let path = "\(display)/\(file)"
            let name = String(file.dropLast(".mustache".count))
            switch ContentFile.read(directory.appendingPathComponent(file), displayPath: path) {
            case .failure(let d):
                return (name, nil, nil, d)
            case .success(let content):
                do {
                    return (name, content.text, try MustacheTemplate(string: DossierHTMLContentType.pragma + content.text), nil)
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma takes the first line; report positions in the editor's file.
                    let line = max(error.context.lineNumber - 1, 1)
                    return (name, content.text, nil, .error(path, line: line, column: error.context.columnNumber,
                                                           "template syntax error: \(describe(error.error))",
                                                           hint: "check that every {{#section}} has its {{/section}} and every tag is closed with }}"))
                } catch {
                    return (name, content.text, nil, .error(path, line: 1, column: 1, "template error: \(error)",
                                                           hint: "check the template's tags against the other templates in this folder"))
                }
            }
        }
        for file in parsed {
            if let text = file.text { sources[file.name] = text }
            if let template = file.template { templates[file.name] = template }
            if let d = file.diagnostic { diagnostics.append(d) }
        }
        for name in pageTemplates where sources[name] == nil {
            diagnostics.append(.error("\(display)/\(name).mustache", "missing template '\(name)'",
                                      hint: "every page kind needs its template: \(pageTemplates.joined(separator: ", "))"))
        }
        let tags = sources.mapValues(scanTags)
        // swift-mustache follows a partial that includes itself until the stack overflows, at render
        // time: the library never holds a template on a cycle, so no caller can render one.
        let cycles = findCycles(sources: sources, tags: tags)
        let onCycles = Set(cycles.flatMap { $0.map(\.template) })
        let set = TemplateSet(library: MustacheLibrary(templates: templates.filter { !onCycles.contains($0.key) }), sources: sources,
                              displayRoot: display, tagsByTemplate: tags)
        diagnostics += set.lintPartials() + set.lintUnescaped() + cycles.map(set.cycleError)
        return (set, diagnostics)
    }

    static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case .unfinishedName: return "a tag is not finished"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "bad set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inherited section"
        case .textInsideInheritSection: return "text inside an inheritance tag outside any {{$block}}"
        case .invalidConfigVariableSyntax: return "bad config variable"
        case .unrecognisedConfigVariable: return "unknown config variable"
        }
    }

    /// One tag of a template with its position, found by a light scan of the source.
    struct Tag {
        let sigil: String
        let name: String
        let line: Int
        let column: Int
    }

    /// The tags of a template, each found once: the partial and field checks both read them.
    let tagsByTemplate: [String: [Tag]]

    func tags(of name: String) -> [Tag] { tagsByTemplate[name] ?? [] }

    /// Finds `{{ [sigil] name }}`, `{{{name}}}` and `{{&name}}` tags line by line: two braces, an
    /// optional third, spaces, an optional sigil (`# ^ / & > $ < !`), spaces, a name without
    /// braces or spaces, spaces, an optional brace and two closing braces. (This is the regular
    /// expression `\{\{(\{?)\s*([#^/&>$<!]?)\s*([^{}\s]*)\s*\}?\}\}`, scanned by hand: Swift
    /// Regex took most of the start-up time of a small site.)
    static func scanTags(_ source: String) -> [Tag] {
        var result: [Tag] = []
        for (n, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line)
            var start = 0
            while start + 1 < chars.count {
                if chars[start] == "{", chars[start + 1] == "{", let (tag, end) = tag(in: chars, at: start) {
                    result.append(Tag(sigil: tag.sigil, name: tag.name, line: n + 1, column: start + 1))
                    start = end
                } else {
                    start += 1
                }
            }
        }
        return result
    }

    /// The tag starting at `start` (which holds `{{`) and the index after it, if one does.
    private static func tag(in chars: [Character], at start: Int) -> ((sigil: String, name: String), Int)? {
        func skipSpaces(_ i: inout Int) { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        // With and without a third opening brace; the first that completes wins.
        for triple in [true, false] {
            var i = start + 2
            if triple {
                guard i < chars.count, chars[i] == "{" else { continue }
                i += 1
            }
            skipSpaces(&i)
            var sigil = ""
            if i < chars.count, "#^/&>$<!".contains(chars[i]) {
                sigil = String(chars[i])
                i += 1
                skipSpaces(&i)
            }
            let nameStart = i
            while i < chars.count, chars[i] != "{", chars[i] != "}", !chars[i].isWhitespace { i += 1 }
            let name = String(chars[nameStart..<i])
            skipSpaces(&i)
            var closing = 0
            while i + closing < chars.count, closing < 3, chars[i + closing] == "}" { closing += 1 }
            guard closing >= 2 else { continue }
            return ((triple ? "{" : sigil, name), i + closing)
        }
        return nil
    }

    /// One step of a cycle of inclusions: the template and its tag naming the next template.
    struct Inclusion {
        let template: String
        let tag: Tag
    }

    /// Cycles of partials (`{{> }}`) and parents (`{{< }}`), each as the inclusions that lead from
    /// its first template (by name) back to it. A depth-first walk over the templates in name
    /// order: every template that lies on a cycle is on at least one cycle reported, and removing
    /// the reported inclusions lets the next build find any other.
    static func findCycles(sources: [String: String], tags: [String: [Tag]]) -> [[Inclusion]] {
        enum Mark { case open, done }
        var marks: [String: Mark] = [:]
        var path: [Inclusion] = []
        var cycles: [[Inclusion]] = []
        var seen: Set<[String]> = []
        func visit(_ name: String) {
            marks[name] = .open
            for tag in tags[name] ?? [] where (tag.sigil == ">" || tag.sigil == "<") && sources[tag.name] != nil {
                path.append(Inclusion(template: name, tag: tag))
                switch marks[tag.name] {
                case nil:
                    visit(tag.name)
                case .open:
                    // The inclusions from `tag.name`'s own step to here close the cycle; it is reported
                    // from its first template by name, once however many tags close it.
                    var cycle = Array(path[path.lastIndex { $0.template == tag.name }!...])
                    let start = cycle.indices.min { cycle[$0].template < cycle[$1].template }!
                    cycle = Array(cycle[start...] + cycle[..<start])
                    if seen.insert(cycle.map(\.template)).inserted { cycles.append(cycle) }
                case .done:
                    break
                }
                path.removeLast()
            }
            marks[name] = .done
        }
        for name in sources.keys.sorted() where marks[name] == nil { visit(name) }
        return cycles
    }

    func cycleError(_ cycle: [Inclusion]) -> Diagnostic {
        let first = cycle[0]
        let names = (cycle.map(\.template) + [first.template]).joined(separator: " → ")
        return .error("\(displayRoot)/\(first.template).mustache", line: first.tag.line, column: first.tag.column,
                      "partial cycle: \(names)",
                      hint: "a template cannot include itself, directly or through others (Mustache would include it forever): remove {{\(first.tag.sigil) \(first.tag.name)}} here or another inclusion of the cycle")
    }

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) that name no template.
    func lintPartials() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            for tag in tags(of: name) where tag.sigil == ">" || tag.sigil == "<" {
                guard sources[tag.name] == nil else { continue }
                diagnostics.append(.error("\(displayRoot)/\(name).mustache", line: tag.line, column: tag.column,
                                          "unknown partial \(Visible.quoted(tag.name))",
                                          hint: Suggestion.hint(for: tag.name, in: Array(sources.keys), listing: "templates")))
            }
        }
        return diagnostics
    }

    /// `{{{name}}}` and `{{&name}}` of anything but rendered Markdown (`PageContext.safeHTMLFields`):
    /// an editor's name, summary or quote printed raw would put its `<script>` on the page. A name
    /// is safe when its last part is one of those fields (`html`, `entity.html`); `{{{.}}}`, a
    /// transform and every other name are refused.
    func lintUnescaped() -> [Diagnostic] {
        let safe = PageContext.safeHTMLFields
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            for tag in tags(of: name) where tag.sigil == "{" || tag.sigil == "&" {
                if let last = tag.name.split(separator: ".", omittingEmptySubsequences: false).last, safe.contains(String(last)) { continue }
                diagnostics.append(.error("\(displayRoot)/\(name).mustache", line: tag.line, column: tag.column,
                                          "unescaped output of '\(tag.name)'",
                                          hint: "use {{\(tag.name)}}: only rendered Markdown fields (\(safe.sorted().joined(separator: ", "))) may be printed unescaped"))
            }
        }
        return diagnostics
    }

    /// Variables and sections that name a field no page context ever provides (typos render as "").
    func lintFields(known: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            for tag in tags(of: name) where ["", "{", "&", "#", "^"].contains(tag.sigil) {
                guard tag.name != "." else { continue }
                for part in tag.name.split(separator: ".").map(String.init) where !known.contains(part) {
                    diagnostics.append(.error("\(displayRoot)/\(name).mustache", line: tag.line, column: tag.column,
                                              "unknown field \(Visible.quoted(part))",
                                              hint: Suggestion.hint(for: part, in: Array(known), listing: "fields")))
                }
            }
        }
        return diagnostics
    }
}
