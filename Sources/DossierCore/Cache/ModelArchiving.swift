import Foundation
import DossierMarkdown

// How each cached value is written. Parsed bodies (`[Block]`) are never cached: results that
// need them are cached downstream of them, as HTML fragments.

extension Located: Archivable where Value == String {
    func archive(into w: inout ArchiveWriter) {
        w.string(value); w.int(line); w.int(column)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(try r.string(), line: try r.int(), column: try r.int())
    }
}

extension SourceReference: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(title); w.string(url)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(title: try r.string(), url: try r.string())
    }
}

extension Event: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(date); w.value(text); w.values(sources); w.int(line); w.int(column)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(date: try r.string(), text: try r.value(), sources: try r.values(), line: try r.int(), column: try r.int())
    }
}

extension MarkdownSource: Archivable {
    func archive(into w: inout ArchiveWriter) {
        utf8.withUnsafeBytes { w.utf8($0) }
        w.int(firstLine)
    }

    /// The bytes as stored: checked as UTF-8 when their file was read; each cache entry carries a checksum.
    init(from r: inout ArchiveReader) throws {
        self.init(utf8: try r.utf8()[...], firstLine: try r.int())
    }
}

extension Diagnostic: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(severity.rawValue); w.string(path); w.int(line); w.int(column); w.string(summary); w.optional(hint)
    }

    init(from r: inout ArchiveReader) throws {
        guard let severity = Severity(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(severity, try r.string(), line: try r.int(), column: try r.int(), try r.string(), hint: try r.optional())
    }
}

extension Article: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.string(title); w.string(source); w.optional(sourceURL); w.optional(published)
        w.string(language); w.strings(highlights); w.value(markdown)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(id: try r.string(), path: try r.string(), title: try r.string(), source: try r.string(),
                  sourceURL: try r.optional(), published: try r.optional(), language: try r.string(),
                  highlights: try r.strings(), markdown: try r.value())
    }
}

extension Entity: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.string(name); w.string(kind.rawValue); w.values(aliases); w.optional(nameEnglish)
        w.optional(summary); w.optional(date); w.optional(sortKey); w.values(sources); w.values(exclusions); w.values(events)
        w.value(markdown); w.int(nameLine); w.int(nameColumn)
    }

    init(from r: inout ArchiveReader) throws {
        let id = try r.string(), path = try r.string(), name = try r.string()
        guard let kind = EntityKind(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(id: id, path: path, name: name, kind: kind, aliases: try r.values(), nameEnglish: try r.optional(),
                  summary: try r.optional(), date: try r.optional(), sortKey: try r.optional(), sources: try r.values(),
                  exclusions: try r.values(), events: try r.values(), markdown: try r.value(), nameLine: try r.int(),
                  nameColumn: try r.int())
    }
}

extension Annotation: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.value(quote); w.bool(article != nil)
        if let article { w.value(article) }
        w.values(entities); w.string(kind.rawValue); w.string(language); w.optional(author); w.optional(date)
        w.values(sources); w.values(events); w.value(markdown)
    }

    init(from r: inout ArchiveReader) throws {
        let id = try r.string(), path = try r.string(), quote: Located<String> = try r.value()
        let article: Located<String>? = try r.bool() ? try r.value() : nil
        let entities: [Located<String>] = try r.values()
        guard let kind = AnnotationKind(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(id: id, path: path, quote: quote, article: article, entities: entities, kind: kind,
                  language: try r.string(), author: try r.optional(), date: try r.optional(), sources: try r.values(),
                  events: try r.values(), markdown: try r.value())
    }
}

extension LinkedBlock: Archivable {
    func archive(into w: inout ArchiveWriter) {
        w.string(anchor); w.string(html); w.bool(isHeading); w.strings(annotationIDs)
    }

    init(from r: inout ArchiveReader) throws {
        self.init(anchor: try r.string(), html: try r.string(), isHeading: try r.bool(), annotationIDs: try r.strings())
    }
}

/// A loaded content file: its record, or nil when it had errors, and its problems.
struct Loaded<Record: Archivable & Sendable>: Archivable, Sendable {
    var record: Record?
    var diagnostics: [Diagnostic]

    func archive(into w: inout ArchiveWriter) {
        w.bool(record != nil)
        if let record { w.value(record) }
        w.values(diagnostics)
    }

    init(record: Record?, diagnostics: [Diagnostic]) {
        self.record = record
        self.diagnostics = diagnostics
    }

    init(from r: inout ArchiveReader) throws {
        record = try r.bool() ? try r.value() : nil
        diagnostics = try r.values()
    }
}

/// A record whose Markdown body is the end of the file it was loaded from.
protocol MarkdownRecord: Archivable, Sendable {
    /// The kind of record, as the loader and the build cache name it.
    static var kind: String { get }
    var id: String { get }
    var markdown: MarkdownSource { get set }
}

extension Article: MarkdownRecord { static let kind = "article" }
extension Entity: MarkdownRecord { static let kind = "entity" }
extension Annotation: MarkdownRecord { static let kind = "annotation" }

extension MarkdownRecord {
    /// The digest of every field but the Markdown body.
    var fieldsDigest: Digest {
        var fields = self
        fields.markdown = MarkdownSource(text: "", firstLine: 0)
        return fields.digest("\(Self.kind) fields")
    }
}

extension BuildCache {
    /// A digest that changes whenever any field of `record` does: the key its file was loaded under
    /// in this build, or else (a record made in code) the digest of its archived form.
    func digest<R: MarkdownRecord>(of record: R) -> Digest {
        source(R.kind, id: record.id)?.key ?? record.digest(R.kind)
    }

    /// `record.fieldsDigest`, as the loader found it (kept with the loaded file in the cache) or made now.
    func fieldsDigest<R: MarkdownRecord>(of record: R) -> Digest {
        source(R.kind, id: record.id)?.fields ?? record.fieldsDigest
    }
}

/// A loaded content file as the cache keeps it. Its key digests the file's bytes, which every build
/// reads anyway, and the body is the end of those bytes: only the body's length is stored, which
/// keeps the largest part of a dossier (article text) out of the cache. A body that is not the
/// end of the file is stored whole.
struct LoadedFile<Record: MarkdownRecord>: Archivable, Sendable {
    var loaded: Loaded<Record>
    /// The record's `fieldsDigest`, made once with the record.
    private(set) var fields: Digest?
    /// The file's bytes when the value was computed; not archived.
    private var fileBytes: [UInt8]?
    /// When read back from the cache: the UTF-8 length of the body, to take from the file's end.
    private var bodyBytes: Int?

    init(_ loaded: Loaded<Record>, fileBytes: [UInt8]) {
        self.loaded = loaded
        self.fileBytes = fileBytes
        fields = loaded.record?.fieldsDigest
    }

    func archive(into w: inout ArchiveWriter) {
        var stored = loaded
        var suffixBytes = -1
        if let body = stored.record?.markdown.utf8, let fileBytes, Self.bytes(fileBytes, endWith: body) {
            suffixBytes = body.count
            stored.record?.markdown.utf8 = []
        }
        w.value(stored)
        w.int(suffixBytes)
        w.bool(fields != nil)
        if let fields { w.digest(fields) }
    }

    static func bytes(_ whole: [UInt8], endWith tail: ArraySlice<UInt8>) -> Bool {
        guard tail.count <= whole.count else { return false }
        return whole.withUnsafeBytes { whole in
            tail.withUnsafeBytes { end in
                guard let wholeBase = whole.baseAddress, let endBase = end.baseAddress else { return true }
                return memcmp(wholeBase + (whole.count - end.count), endBase, end.count) == 0
            }
        }
    }

    init(from r: inout ArchiveReader) throws {
        loaded = try r.value()
        let suffixBytes = try r.int()
        bodyBytes = suffixBytes >= 0 ? suffixBytes : nil
        fields = try r.bool() ? try r.digest() : nil
    }

    /// The loaded record, its body taken back from the end of the file's bytes when it came from the
    /// cache: those bytes are the ones the entry was made from (the key digests them), so their UTF-8
    /// was checked then and is not checked again.
    func restored(from fileBytes: [UInt8]) -> Loaded<Record> {
        guard let count = bodyBytes, loaded.record != nil else { return loaded }
        var result = loaded
        result.record!.markdown.utf8 = fileBytes.suffix(count)
        return result
    }
}
