import Foundation

/// What the loader knows of a record's origin, carried with the record for the build cache: the
/// digest of the file it was read from (its bytes, path and id, and the site's language, which
/// together determine the record) and the digest of the same without the body, which determines
/// every other field. Later stages key cached results and page digests by them.
///
/// Both digest what the record is made from, not the record: a field added to a record is covered
/// without anything to update. Set by `ContentLoader`; nil on a record made in code, whose digests
/// are then made from its archived form (`MarkdownRecord.contentDigest`, `fieldsDigest`).
package struct LoadDigests: Sendable, Hashable {
    package var file: Digest
    package var fields: Digest

    init(file: Digest, fields: Digest) {
        self.file = file
        self.fields = fields
    }

    /// The digests of a record loaded from `bytes` (the whole file) whose body is `body`; `file`
    /// when the caller has it already (`fileDigest`, the same bytes and names).
    package init(of bytes: [UInt8], body: MarkdownSource, kind: String, id: String, path: String, language: String, file: Digest? = nil) {
        self.file = file ?? Self.fileDigest(of: bytes, kind: kind, id: id, path: path, language: language)
        // The front matter is the file without its body, when the body is the end of the file as read;
        // otherwise (a body rewritten while loading) the whole file stands for it.
        let frontMatter = Self.bodyStart(of: body, in: bytes).map { bytes[..<$0] } ?? bytes[...]
        fields = Self.digest("fields-", kind: kind, id: id, path: path, language: language, frontMatter)
    }

    /// The digest of a content file: its bytes, and the names that go with them.
    package static func fileDigest(of bytes: [UInt8], kind: String, id: String, path: String, language: String) -> Digest {
        digest("load-", kind: kind, id: id, path: path, language: language, bytes[...])
    }

    /// Where `body` starts in `bytes` when it is their end, as the loader makes a body; else nil.
    package static func bodyStart(of body: MarkdownSource, in bytes: [UInt8]) -> Int? {
        let tail = body.utf8
        guard tail.count <= bytes.count else { return nil }
        let matches = bytes.withUnsafeBytes { whole in
            tail.withUnsafeBytes { end in
                end.isEmpty || memcmp(whole.baseAddress! + (whole.count - end.count), end.baseAddress!, end.count) == 0
            }
        }
        return matches ? bytes.count - tail.count : nil
    }

    private static func digest(_ domain: String, kind: String, id: String, path: String, language: String, _ part: ArraySlice<UInt8>) -> Digest {
        var d = Digester(domain + kind)
        d.add(id); d.add(path); d.add(language)
        part.withUnsafeBytes { d.add(bytes: $0) }
        return d.finish()
    }
}
