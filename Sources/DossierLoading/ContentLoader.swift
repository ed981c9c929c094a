import Foundation
import Yams
import DossierModel
import DossierCache

/// Loading stage: reads `Content/` into a `Site`, collecting every problem instead of stopping at the first.
public struct ContentLoader: Sendable {
    public let contentDirectory: URL
    /// How paths are shown in diagnostics (relative to the working directory when inside it).
    package let displayRoot: String
    /// With a build cache, a file whose bytes (and path, and the site's language) are those of a
    /// file loaded before is not parsed again: its record and problems come from the cache.
    let cache: BuildCache?

    public init(contentDirectory: URL, cache: BuildCache? = nil) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.displayRoot = PathDisplay.display(self.contentDirectory)
        self.cache = cache
    }

    static let siteKeys = ["title", "subtitle", "language", "direction", "base_url", "strings", "allow_unsafe_html", "annotations_per_page", "search"]
    static let articleKeys = ["title", "source", "source_url", "published", "lang", "highlights"]
    static let entityKeys = ["name", "kind", "aliases", "exclusions", "name_en", "summary", "date", "sort_key", "sources", "events"]
    static let annotationKeys = ["quote", "article", "entities", "kind", "lang", "author", "date", "sources", "events"]

    /// Loads everything; the site is nil only when nothing sensible could be loaded (no folder, no site.yml).
    public func load() -> (Site?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [.error(displayRoot, "content folder not found",
                                 hint: "run dossier from the dossier's root folder, or pass --content PATH")])
        }
        let contained = ContainedPath(contentDirectory)
        let config = loadConfig(contained, &diagnostics)
        let language = config?.language ?? "ar"

        var seenIDs: [String: String] = [:]
        let articleFiles = files(in: "articles", contained, &diagnostics, seen: &seenIDs)
        let entityFiles = files(in: "entities", contained, &diagnostics, seen: &seenIDs)
        let annotationFiles = files(in: "annotations", contained, &diagnostics, seen: &seenIDs)
        // Each file is read and its front matter parsed on all cores, the file's bytes digested as
        // soon as they are read; each file's problems come back with it, in file order.
        let articles: [Article] = parse(articleFiles, language: language, &diagnostics) { id, file, d in
            loadArticle(id: id, file: file, defaultLanguage: language, &d)
        }
        let entities: [Entity] = parse(entityFiles, language: "", &diagnostics) { id, file, d in
            loadEntity(id: id, file: file, &d)
        }
        let annotations: [Annotation] = parse(annotationFiles, language: language, &diagnostics) { id, file, d in
            loadAnnotation(id: id, file: file, defaultLanguage: language, &d)
        }
        if articles.isEmpty && !diagnostics.contains(where: { $0.path.contains("/articles/") }) {
            diagnostics.append(.error("\(displayRoot)/articles", "the dossier has no article",
                                      hint: "add a Markdown file such as articles/my-article.md"))
        }
        guard let config else { return (nil, diagnostics) }
        return (Site(config: config, articles: articles, entities: entities, annotations: annotations), diagnostics)
    }

    // MARK: Files and ids

    /// Loads files of one kind on all cores; each file's problems come back with it, in file order.
    /// `language` is the site's default language where the record depends on it. Every record
    /// carries the digests of what it was made from (`LoadDigests`).
    private func parse<T: MarkdownRecord>(_ files: [ListedFile], language: String,
                                          _ diagnostics: inout [Diagnostic],
                                          _ load: @Sendable (String, ContentFile, inout [Diagnostic]) -> T?) -> [T] {
        let results = ParallelMap.map(files) { listed -> Loaded<T> in
            let bytes: [UInt8]
            switch ContentFile.readBytes(path: listed.fullPath, displayPath: listed.path) {
            case .success(let read): bytes = read
            case .failure(let d): return Loaded(record: nil, diagnostics: [d])
            }
            let file = LoadDigests.fileDigest(of: bytes, kind: T.kind, id: listed.id, path: listed.path, language: language)
            var loaded: Loaded<T>
            if let cache {
                var d = Digester("loaded file")
                d.add(file)
                let key = d.finish()
                if let hit: CachedLoad<T> = cache.lookup(key) {
                    loaded = hit.restored(from: bytes)
                } else {
                    loaded = Self.decodeAndLoad(bytes, id: listed.id, path: listed.path, load)
                    let entry = CachedLoad(loaded, bytes: bytes)
                    if entry.readsBackEqual { cache.store(key, entry) }
                }
            } else {
                loaded = Self.decodeAndLoad(bytes, id: listed.id, path: listed.path, load)
            }
            if let record = loaded.record {
                loaded.record?.loadDigests = LoadDigests(of: bytes, body: record.markdown, kind: T.kind, id: listed.id, path: listed.path,
                                                         language: language, file: file)
            }
            return loaded
        }
        var values: [T] = []
        for (listed, result) in zip(files, results) {
            diagnostics += result.diagnostics
            if let value = result.record, !listed.isDuplicate { values.append(value) }
        }
        return values
    }

    /// A content file to read: its id, displayed path and path to open.
    private struct ListedFile: Sendable {
        let id: String
        let path: String
        let fullPath: String
        /// Its id is already another file's: its problems are reported, its record dropped.
        let isDuplicate: Bool
    }

    /// A content file's id, displayed path and bytes (not yet checked as UTF-8).
    private struct RawFile: Sendable {
        let id: String
        let path: String
        let bytes: [UInt8]
    }

    /// The Markdown files of one content folder, with ids checked for form and uniqueness; read by `parse`.
    /// Symbolic links that lead out of `Content/` are refused, the folder's and each file's.
    private func files(in folder: String, _ contained: ContainedPath, _ diagnostics: inout [Diagnostic], seen: inout [String: String]) -> [ListedFile] {
        let folderPath = contentDirectory.appendingPathComponent(folder).path
        if let problem = contained.problem(at: folderPath, display: "\(displayRoot)/\(folder)") {
            diagnostics.append(problem)
            return []
        }
        guard let names = DirectoryListing.names(in: folderPath) else { return [] }
        var wanted: [ListedFile] = []
        // In byte order (the order of the ids, which are ASCII), which is cheaper than String's.
        for name in names.sorted(by: ByteScan.precedes) where !name.hasPrefix(".") {
            let display = "\(displayRoot)/\(folder)/\(name)"
            if let problem = contained.problem(at: folderPath + "/" + name, display: display) {
                diagnostics.append(problem)
                continue
            }
            guard name.hasSuffix(".md") else {
                diagnostics.append(.warning(display, "ignored: not a Markdown file", hint: "content files end in .md"))
                continue
            }
            let id = String(name.dropLast(3))
            guard Self.isValidID(id) else {
                diagnostics.append(.error(display, line: 1, column: 1, "\(Visible.quoted(id)) is not a valid id",
                                          hint: "ids are file names of lowercase ASCII letters, digits and single hyphens; rename it to '\(Self.suggestedID(for: id)).md'"))
                continue
            }
            // A file whose id is taken is still read and checked, so its other problems are reported
            // in the same build; only its record is left out.
            let other = seen[id]
            if let other {
                diagnostics.append(.error(display, line: 1, column: 1, "duplicate id '\(id)', also used by \(other)",
                                          hint: "ids are unique across articles, entities and annotations; rename one of the files"))
            } else {
                seen[id] = display
            }
            wanted.append(ListedFile(id: id, path: display, fullPath: folderPath + "/" + name, isDuplicate: other != nil))
        }
        return wanted
    }

    /// Lowercase ASCII letters and digits in runs joined by single hyphens (`[a-z0-9]+(-[a-z0-9]+)*`).
    package static func isValidID(_ id: String) -> Bool {
        var previousWasHyphen = true
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): previousWasHyphen = false
            case UInt8(ascii: "-") where !previousWasHyphen: previousWasHyphen = true
            default: return false
            }
        }
        return !previousWasHyphen
    }

    package static func suggestedID(for name: String) -> String {
        let mapped = name.lowercased().map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) ? c : "-"
        }
        let collapsed = String(mapped).split(separator: "-").joined(separator: "-")
        return collapsed.isEmpty ? "item" : collapsed
    }

    private func frontMatter(_ file: ContentFile, allowed: [String], _ diagnostics: inout [Diagnostic]) -> (FieldReader, MarkdownSource)? {
        switch FrontMatter.parse(file) {
        case .failure(let failure):
            diagnostics += failure.diagnostics
            return nil
        case .success(let fm):
            var reader = FieldReader(path: file.path, mapping: fm.mapping, lineOffset: fm.openingLine, missingLine: fm.openingLine)
            reader.rejectUnknownKeys(allowed: allowed)
            return (reader, fm.body)
        }
    }

    // MARK: Site

    private func loadConfig(_ contained: ContainedPath, _ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let url = contentDirectory.appendingPathComponent("site.yml")
        let display = "\(displayRoot)/site.yml"
        if let problem = contained.problem(at: url.path, display: display) {
            diagnostics.append(problem)
            return nil
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.append(.error(display, "site.yml not found", hint: "create it with at least 'title:' and 'language:'"))
            return nil
        }
        let file: ContentFile
        switch ContentFile.read(url, displayPath: display) {
        case .success(let f): file = f
        case .failure(let d):
            diagnostics.append(d)
            return nil
        }
        let mapping: Node.Mapping
        do {
            guard let node = try FrontMatter.compose(file.text), let m = node.mapping else {
                diagnostics.append(.error(display, line: 1, column: 1, "site.yml must be a list of 'key: value' fields",
                                          hint: "for example 'title: …' and 'language: ar'"))
                return nil
            }
            mapping = m
        } catch {
            diagnostics += YAMLErrors.diagnostics(for: error, yaml: file.text, path: display, lineOffset: 0)
            return nil
        }
        var reader = FieldReader(path: display, mapping: mapping, lineOffset: 0, missingLine: 1)
        reader.rejectUnknownKeys(allowed: Self.siteKeys)
        let title = reader.string("title", required: true)
        let subtitle = reader.string("subtitle")
        let language = reader.languageTag("language", required: true)
        let direction = reader.string("direction")
        if let direction, !["rtl", "ltr"].contains(direction.value) {
            diagnostics.append(.error(display, line: direction.line, column: direction.column,
                                      "direction must be 'rtl' or 'ltr'", hint: "or leave it out: it follows the language"))
        }
        let baseURL = reader.string("base_url")
        if let baseURL, !URLSafety.isWebURL(baseURL.value) {
            diagnostics.append(.error(display, line: baseURL.line, column: baseURL.column,
                                      "base_url must be an absolute http(s) address", hint: "for example https://example.org/dossier/"))
        }
        let allowUnsafe = reader.bool("allow_unsafe_html") ?? false
        let search = reader.bool("search") ?? true
        var perPage = SiteConfig.defaultAnnotationsPerPage
        if let located = reader.string("annotations_per_page") {
            if let n = Int(located.value), n >= 0, n <= 100_000 {
                perPage = n
            } else {
                diagnostics.append(.error(display, line: located.line, column: located.column,
                                          "annotations_per_page must be a whole number from 0 to 100000",
                                          hint: "for example 50; 0 lists every annotation on one page"))
            }
        }
        var strings = InterfaceStrings.defaults(for: language?.value ?? "ar")
        let known = Array(strings.keys).sorted()
        for (key, value) in reader.stringMap("strings").sorted(by: { $0.key.line < $1.key.line }) {
            guard strings[key.value] != nil else {
                diagnostics.append(.error(display, line: key.line, column: key.column, "unknown interface string \(Visible.quoted(key.value))",
                                          hint: Suggestion.hint(for: key.value, in: known, listing: "strings")))
                continue
            }
            strings[key.value] = value.value
        }
        diagnostics.append(contentsOf: reader.diagnostics)
        guard let title, let language else { return nil }
        var base = baseURL.flatMap { URLSafety.isWebURL($0.value) ? $0.value : nil }
        if let b = base, !b.hasSuffix("/") { base = b + "/" }
        return SiteConfig(title: title.value, subtitle: subtitle?.value ?? "", language: language.value,
                          direction: direction.flatMap { ["rtl", "ltr"].contains($0.value) ? $0.value : nil },
                          baseURL: base, strings: strings, allowUnsafeHTML: allowUnsafe,
                          annotationsPerPage: perPage, search: search)
    }

    // MARK: Articles, entities, annotations

    func loadArticle(id: String, file: ContentFile, defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> Article? {
        guard case (var reader, let body)? = frontMatter(file, allowed: Self.articleKeys, &diagnostics) else { return nil }
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        let title = reader.string("title", required: true)
        let source = reader.string("source", required: true)
        let sourceURL = reader.string("source_url")
        if let sourceURL, !URLSafety.isWebURL(sourceURL.value) {
            reader.error(at: reader.field("source_url")!, "source_url must start with https:// or http://", hint: URLSafety.hint)
        }
        let published = reader.date("published", dayRequired: true)
        let lang = reader.languageTag("lang")?.value ?? defaultLanguage
        let highlights = reader.stringList("highlights").map(\.value)
        guard let title, let source else { return nil }
        return Article(id: id, path: file.path, title: title.value, source: source.value, sourceURL: sourceURL?.value,
                       published: published, language: lang, highlights: highlights, markdown: body)
    }

    func loadEntity(id: String, file: ContentFile, _ diagnostics: inout [Diagnostic]) -> Entity? {
        guard case (var reader, let body)? = frontMatter(file, allowed: Self.entityKeys, &diagnostics) else { return nil }
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        let name = reader.string("name", required: true)
        let kindField = reader.string("kind", required: true)
        var kind: EntityKind?
        if let kindField {
            kind = EntityKind(rawValue: kindField.value)
            if kind == nil {
                reader.error(at: reader.field("kind")!, "unknown entity kind \(Visible.quoted(kindField.value))",
                             hint: Suggestion.hint(for: kindField.value, in: EntityKind.allCases.map(\.rawValue), listing: "kinds"))
            }
        }
        let aliases = reader.stringList("aliases")
        let exclusions = reader.stringList("exclusions")
        let nameEnglish = reader.string("name_en")?.value
        let summary = reader.string("summary")?.value
        let date = reader.date("date")
        let sortKey = reader.string("sort_key")?.value
        let sources = reader.sources()
        let events = reader.events()
        guard let name, let kind else { return nil }
        return Entity(id: id, path: file.path, name: name.value, kind: kind, aliases: aliases, nameEnglish: nameEnglish,
                      summary: summary, date: date, sortKey: sortKey, sources: sources, exclusions: exclusions, events: events, markdown: body,
                      nameLine: name.line, nameColumn: name.column)
    }

    func loadAnnotation(id: String, file: ContentFile, defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> Annotation? {
        guard case (var reader, let body)? = frontMatter(file, allowed: Self.annotationKeys, &diagnostics) else { return nil }
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        let quote = reader.string("quote", required: true)
        let article = reader.string("article")
        let entities = reader.stringList("entities")
        var kind = AnnotationKind.context
        if let kindField = reader.string("kind") {
            if let k = AnnotationKind(rawValue: kindField.value) {
                kind = k
            } else {
                reader.error(at: reader.field("kind")!, "unknown annotation kind \(Visible.quoted(kindField.value))",
                             hint: Suggestion.hint(for: kindField.value, in: AnnotationKind.allCases.map(\.rawValue), listing: "kinds"))
            }
        }
        let lang = reader.languageTag("lang")?.value ?? defaultLanguage
        let author = reader.string("author")?.value
        let date = reader.date("date")
        let sources = reader.sources()
        let events = reader.events()
        guard let quote else { return nil }
        return Annotation(id: id, path: file.path, quote: quote, article: article, entities: entities, kind: kind,
                          language: lang, author: author, date: date, sources: sources, events: events, markdown: body)
    }
}
