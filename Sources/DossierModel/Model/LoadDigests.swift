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

    /// The digests of a record loaded from `bytes` (the whole file) whose body is `body`.
    package init(of bytes: [UInt8], body: MarkdownSource, kind: String, id: String, path: String, language: String) {
        func digest(_ domain: String, _ part: ArraySlice<UInt8>) -> Digest {
            var d = Digester(domain + kind)
            d.add(id); d.add(path); d.add(language)
            part.withUnsafeBytes { d.add(bytes: $0) }
            return d.finish()
        }
        file = digest("load-", bytes[...])
        // The front matter is the file without its body, when the body is the end of the file as read;
        // otherwise (a body rewritten while loading) the whole file stands for it.
        let tail = body.utf8
        let endsWithBody = tail.count <= bytes.count && bytes.withUnsafeBytes { whole in
            tail.withUnsafeBytes { end in
                end.isEmpty || memcmp(whole.baseAddress! + (whole.count - end.count), end.baseAddress!, end.count) == 0
            }
        }
        let frontMatter = endsWithBody ? bytes[..<(bytes.count - tail.count)] : bytes[...]
        fields = digest("fields-", frontMatter)
    }
}
