import Foundation

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
        fields = loaded.record?.fieldsOnlyDigest
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
