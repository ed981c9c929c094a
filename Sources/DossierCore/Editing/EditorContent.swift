import Foundation
import DossierModel
import DossierLoading
import DossierLinking

/// The dossier as the editing commands (`new`, `import`, `check --suggest`) see it: loaded as a
/// build loads it, with the entity index the linker matches names with. Nothing here writes but
/// `write(_:)`, and it never replaces a file.
public struct EditorContent: Sendable {
    public let contentDirectory: URL
    /// How paths are shown (relative to the working directory when inside it), as a build shows them.
    let displayRoot: String
    let site: Site
    let index: EntityIndex

    /// Loads `Content/`. Problems in the content do not stop an edit (fixing them is `check`'s
    /// job), unless nothing could be loaded at all.
    public init(contentDirectory: URL) throws {
        let loader = ContentLoader(contentDirectory: contentDirectory)
        let (site, diagnostics) = loader.load()
        guard let site else { throw BuildFailure(diagnostics: diagnostics.filter { $0.severity == .error }) }
        self.contentDirectory = loader.contentDirectory
        self.displayRoot = loader.displayRoot
        self.site = site
        self.index = EntityIndex(site.entities)
    }

    /// The folder and file a new record of `id` goes to, as shown and as opened.
    func file(_ folder: String, _ id: String) -> (display: String, url: URL) {
        ("\(displayRoot)/\(folder)/\(id).md", contentDirectory.appendingPathComponent(folder).appendingPathComponent(id + ".md"))
    }

    /// Problems with `id` as the id of a new file in `folder`: its form, another record with it
    /// (ids are unique across the dossier), a file already there.
    func problems(withNewID id: String, in folder: String) -> [Diagnostic] {
        let (display, url) = file(folder, id)
        guard ContentLoader.isValidID(id) else {
            return [.error(display, "\(Visible.quoted(id)) is not a valid id",
                           hint: "ids are file names of lowercase ASCII letters, digits and single hyphens; for example '\(ContentLoader.suggestedID(for: id))'")]
        }
        let records = site.articles.map { ($0.id, $0.path) } + site.entities.map { ($0.id, $0.path) } + site.annotations.map { ($0.id, $0.path) }
        if let (_, other) = records.first(where: { $0.0 == id }) {
            return [.error(display, "the id '\(id)' is already used by \(other)",
                           hint: "ids are unique across articles, entities and annotations; choose another id, or edit \(other)")]
        }
        if FileManager.default.fileExists(atPath: url.path) {
            return [.error(display, "\(display) already exists", hint: "choose another id, or edit the file")]
        }
        // A file whose front matter does not load has no record, but its id is still taken.
        for other in ["articles", "entities", "annotations"] where other != folder {
            let (otherDisplay, otherURL) = file(other, id)
            if FileManager.default.fileExists(atPath: otherURL.path) {
                return [.error(display, "the id '\(id)' is already used by \(otherDisplay)",
                               hint: "ids are unique across articles, entities and annotations; choose another id")]
            }
        }
        return []
    }

    /// The article an edit concerns: the one named, or the only one when none is named.
    func article(named id: String?, for display: String) -> Result<Article, Diagnostic> {
        let ids = site.articles.map(\.id)
        guard let id else {
            if site.articles.count == 1 { return .success(site.articles[0]) }
            return .failure(.error(display, site.articles.isEmpty ? "the dossier has no article" : "the dossier has \(ids.count) articles: name one",
                                   hint: site.articles.isEmpty ? "add one to \(displayRoot)/articles/ (dossier import FILE.txt)"
                                                               : "pass --article with one of: \(ids.joined(separator: ", "))"))
        }
        guard let article = site.articles.first(where: { $0.id == id }) else {
            return .failure(.error(display, "unknown article \(Visible.quoted(id))", hint: Suggestion.hint(for: id, in: ids, listing: "article ids")))
        }
        return .success(article)
    }

    /// Writes a new file; never replaces one (another command may have made it meanwhile).
    public func write(_ draft: Draft) throws {
        try FileManager.default.createDirectory(at: draft.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try Data(draft.text.utf8).write(to: draft.url, options: .withoutOverwriting)
        } catch {
            throw BuildFailure(diagnostics: [.error(draft.path, "cannot write \(draft.path) (\(error.localizedDescription))",
                                                    hint: "check that the folder is writable and that no file of that name exists")])
        }
    }
}

/// A content file an editing command is about to write, once every check has passed.
public struct Draft: Sendable {
    /// As the editor sees it (`Content/annotations/x.md`).
    public let path: String
    public let url: URL
    public let text: String
    /// Warnings about it, printed as diagnostics; the file is written anyway.
    public var warnings: [Diagnostic] = []
    /// What the editor should know or do next, one line each.
    public var notes: [String] = []
}

extension EditorContent {
    /// Loads a drafted file's text the way a build will: a draft that would not load is a bug in the
    /// command, never something to write. Returns the record.
    func loadBack<T>(_ text: String, as kind: ContentLoader.Kind, id: String, path: String) throws -> T {
        let loader = ContentLoader(contentDirectory: contentDirectory)
        let (record, diagnostics) = loader.loadFile(Array(text.utf8), as: kind, id: id, path: path, language: site.config.language)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let record = record as? T else {
            throw BuildFailure(diagnostics: errors.isEmpty ? [.error(path, "the drafted file does not load", hint: "please report this")] : errors)
        }
        return record
    }
}
