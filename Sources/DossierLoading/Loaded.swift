import Foundation
import DossierModel
import DossierCache

/// A loaded content file: its record, or nil when it had errors, and its problems.
struct Loaded<Record: Sendable & Hashable>: Sendable, Hashable {
    var record: Record?
    var diagnostics: [Diagnostic]

    init(record: Record?, diagnostics: [Diagnostic]) {
        self.record = record
        self.diagnostics = diagnostics
    }
}

/// A loaded file as the build cache keeps it, under the digest of the file's bytes and names
/// (`LoadDigests.fileDigest`): what loading it gave, its record without its body when the body is
/// the end of the file (the bytes are read again to find the file unchanged, so the body is taken
/// from them rather than stored twice).
///
/// A record's archiving lists its fields by hand (`ModelArchiving.swift`), and a field left out of
/// it would be lost by every cached load. So a load is cached only when its archived form reads
/// back equal to it (`readsBackEqual`; records compare every stored property): such a field costs
/// the cache its use for that kind of record, never a wrong site.
struct CachedLoad<Record: MarkdownRecord>: Archivable {
    var loaded: Loaded<Record>
    /// Where the body starts in the file, or nil when it is stored with the record.
    var bodyStart: Int?

    init(_ loaded: Loaded<Record>, bytes: [UInt8]) {
        self.loaded = loaded
        guard let record = loaded.record, let start = LoadDigests.bodyStart(of: record.markdown, in: bytes) else { return }
        bodyStart = start
        self.loaded.record?.markdown = MarkdownSource(utf8: [][...], firstLine: record.markdown.firstLine)
    }

    /// What loading `bytes`, the file this was made from, gave.
    func restored(from bytes: [UInt8]) -> Loaded<Record> {
        var result = loaded
        if let bodyStart, let firstLine = loaded.record?.markdown.firstLine {
            result.record?.markdown = MarkdownSource(utf8: bytes[bodyStart...], firstLine: firstLine)
        }
        return result
    }

    /// Whether the archived form reads back as this value.
    var readsBackEqual: Bool {
        var w = ArchiveWriter()
        archive(into: &w)
        let back = try? ArchiveReader.read(w.bytes) { r -> (value: CachedLoad, atEnd: Bool) in (try CachedLoad(from: &r), r.isAtEnd) }
        guard let back else { return false }
        return back.atEnd && back.value.loaded == loaded && back.value.bodyStart == bodyStart
    }

    func archive(into w: inout ArchiveWriter) {
        w.values(loaded.diagnostics)
        w.bool(loaded.record != nil)
        if let record = loaded.record { w.value(record) }
        w.int(bodyStart ?? -1)
    }

    init(from r: inout ArchiveReader) throws {
        let diagnostics: [Diagnostic] = try r.values()
        let record: Record? = try r.bool() ? try r.value() : nil
        loaded = Loaded(record: record, diagnostics: diagnostics)
        let start = try r.int()
        bodyStart = start >= 0 ? start : nil
    }
}
