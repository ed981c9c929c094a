import DossierModel
import DossierCache

/// Loading one content file from its bytes, the way `load()` loads each file it reads: shared by
/// `load()` and by the fuzzing harness, which loads files that never touch the disk.
extension ContentLoader {
    /// Checks bytes read by `ContentFile.readBytes` as UTF-8 and loads them as a record of one kind.
    static func decodeAndLoad<T: MarkdownRecord>(_ bytes: [UInt8], id: String, path: String,
                                                 _ load: (String, ContentFile, inout [Diagnostic]) -> T?) -> Loaded<T> {
        switch ContentFile.decode(bytes, displayPath: path) {
        case .failure(let d):
            return Loaded(record: nil, diagnostics: [d])
        case .success(let content):
            var d: [Diagnostic] = []
            let value = load(id, content, &d)
            return Loaded(record: value, diagnostics: d)
        }
    }

    /// The kinds of Markdown content file, each with a folder of its own.
    package enum Kind: Sendable, CaseIterable {
        case article, entity, annotation
    }

    /// One content file's bytes loaded as a file of `kind` is by `load()`, without a file system:
    /// the byte-order mark, UTF-8, front matter and every field, with the same diagnostics.
    /// The record comes back as `Article`, `Entity` or `Annotation`, typed as any.
    package func loadFile(_ bytes: [UInt8], as kind: Kind, id: String, path: String,
                          language: String = "ar") -> (record: (any Sendable)?, diagnostics: [Diagnostic]) {
        let bytes = ContentFile.removingByteOrderMark(bytes)
        switch kind {
        case .article:
            let loaded = Self.decodeAndLoad(bytes, id: id, path: path) { id, file, d in
                loadArticle(id: id, file: file, defaultLanguage: language, &d)
            }
            return (loaded.record, loaded.diagnostics)
        case .entity:
            let loaded = Self.decodeAndLoad(bytes, id: id, path: path) { id, file, d in loadEntity(id: id, file: file, &d) }
            return (loaded.record, loaded.diagnostics)
        case .annotation:
            let loaded = Self.decodeAndLoad(bytes, id: id, path: path) { id, file, d in
                loadAnnotation(id: id, file: file, defaultLanguage: language, &d)
            }
            return (loaded.record, loaded.diagnostics)
        }
    }
}
