import Foundation
import DossierModel

// How each cached value is written. Parsed bodies (`[Block]`) are never cached: results that
// need them are cached downstream of them, as HTML fragments.

extension Located: Archivable where Value == String {
    package func archive(into w: inout ArchiveWriter) {
        w.string(value); w.int(line); w.int(column)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(try r.string(), line: try r.int(), column: try r.int())
    }
}

extension SourceReference: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(title); w.string(url)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(title: try r.string(), url: try r.string())
    }
}

extension Event: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(date); w.value(text); w.values(sources); w.int(line); w.int(column)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(date: try r.string(), text: try r.value(), sources: try r.values(), line: try r.int(), column: try r.int())
    }
}

extension MarkdownSource: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        utf8.withUnsafeBytes { w.utf8($0) }
        w.int(firstLine)
    }

    /// The bytes as stored: checked as UTF-8 when their file was read; each cache entry carries a checksum.
    package init(from r: inout ArchiveReader) throws {
        self.init(utf8: try r.utf8()[...], firstLine: try r.int())
    }
}

extension Diagnostic: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(severity.rawValue); w.string(path); w.int(line); w.int(column); w.string(summary); w.optional(hint)
    }

    package init(from r: inout ArchiveReader) throws {
        guard let severity = Severity(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(severity, try r.string(), line: try r.int(), column: try r.int(), try r.string(), hint: try r.optional())
    }
}

extension Article: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.string(title); w.string(source); w.optional(sourceURL); w.optional(published)
        w.string(language); w.strings(highlights); w.value(markdown)
    }

    package init(from r: inout ArchiveReader) throws {
        self.init(id: try r.string(), path: try r.string(), title: try r.string(), source: try r.string(),
                  sourceURL: try r.optional(), published: try r.optional(), language: try r.string(),
                  highlights: try r.strings(), markdown: try r.value())
    }
}

extension Entity: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.string(name); w.string(kind.rawValue); w.values(aliases); w.optional(nameEnglish)
        w.optional(summary); w.optional(date); w.optional(sortKey); w.values(sources); w.values(exclusions); w.values(events)
        w.value(markdown); w.int(nameLine); w.int(nameColumn)
    }

    package init(from r: inout ArchiveReader) throws {
        let id = try r.string(), path = try r.string(), name = try r.string()
        guard let kind = EntityKind(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(id: id, path: path, name: name, kind: kind, aliases: try r.values(), nameEnglish: try r.optional(),
                  summary: try r.optional(), date: try r.optional(), sortKey: try r.optional(), sources: try r.values(),
                  exclusions: try r.values(), events: try r.values(), markdown: try r.value(), nameLine: try r.int(),
                  nameColumn: try r.int())
    }
}

extension Annotation: Archivable {
    package func archive(into w: inout ArchiveWriter) {
        w.string(id); w.string(path); w.value(quote); w.bool(article != nil)
        if let article { w.value(article) }
        w.values(entities); w.string(kind.rawValue); w.string(language); w.optional(author); w.optional(date)
        w.values(sources); w.values(events); w.value(markdown)
    }

    package init(from r: inout ArchiveReader) throws {
        let id = try r.string(), path = try r.string(), quote: Located<String> = try r.value()
        let article: Located<String>? = try r.bool() ? try r.value() : nil
        let entities: [Located<String>] = try r.values()
        guard let kind = AnnotationKind(rawValue: try r.string()) else { throw ArchiveError() }
        self.init(id: id, path: path, quote: quote, article: article, entities: entities, kind: kind,
                  language: try r.string(), author: try r.optional(), date: try r.optional(), sources: try r.values(),
                  events: try r.values(), markdown: try r.value())
    }
}

/// A record whose Markdown body is the end of the file it was loaded from.
package protocol MarkdownRecord: Archivable, Sendable, Hashable {
    /// The kind of record, as the loader and the build cache name it.
    static var kind: String { get }
    var id: String { get }
    var markdown: MarkdownSource { get set }
    var loadDigests: LoadDigests? { get set }
}

extension Article: MarkdownRecord {}
extension Entity: MarkdownRecord {}
extension Annotation: MarkdownRecord {}

extension MarkdownRecord {
    /// A digest that changes whenever any field of the record does: the digest of the file it was
    /// loaded from, or else (a record made in code) the digest of its archived form.
    package var contentDigest: Digest {
        loadDigests?.file ?? digest(Self.kind)
    }

    /// The digest of every field but the Markdown body, as the loader found it or made now.
    package var fieldsDigest: Digest {
        loadDigests?.fields ?? fieldsOnlyDigest
    }

    var fieldsOnlyDigest: Digest {
        var fields = self
        fields.markdown = MarkdownSource(text: "", firstLine: 0)
        fields.loadDigests = nil
        return fields.digest("\(Self.kind) fields")
    }
}
