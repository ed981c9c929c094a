/// What the loader knows of a record's origin, carried with the record for the build cache: the
/// digest of the file it was read from (its bytes, path and id, and the site's language, which
/// together determine the record) and the digest of the record's fields without its body. Later
/// stages key cached results by them instead of digesting the record again.
///
/// Set only by `ContentLoader`; nil on a record made in code, whose digests are then computed from
/// its fields (`MarkdownRecord.contentDigest`, `fieldsDigest`).
struct LoadDigests: Sendable, Hashable {
    var file: Digest
    var fields: Digest
}
