import Foundation

extension SearchIndex {
    /// The index's files. With a build cache and an output folder, when nothing the index is made of
    /// changed and its files there are the ones written from it, they come back without bytes
    /// (current, like unchanged pages), so a rebuild neither reads every article's blocks back from
    /// the cache nor indexes them again.
    static func files(for site: LinkedSite, cache: BuildCache?, output: URL?) -> [OutputFile] {
        guard let cache, let output else {
            return build(site).map { OutputFile(path: $0.path, contents: .text($0.text)) }
        }
        let digest = inputsDigest(site, cache: cache)
        var key = Digester("search index files")
        key.add(digest)
        let pathsKey = key.finish()
        if let known: Paths = cache.lookup(pathsKey),
           known.paths.allSatisfy({ cache.pageIsCurrent($0, digest: digest, output: output.path) }) {
            return known.paths.map { OutputFile(path: $0, data: nil, digest: digest) }
        }
        let files = build(site)
        cache.store(pathsKey, Paths(paths: files.map(\.path)))
        return files.map { OutputFile(path: $0.path, contents: .text($0.text), digest: digest) }
    }

    /// Everything the index is made of: the site's language and labels, every record's fields (names,
    /// aliases, summaries, titles, quotes, kinds, languages), every article's blocks and every note.
    static func inputsDigest(_ site: LinkedSite, cache: BuildCache) -> Digest {
        var d = Digester("search index")
        d.add(formatVersion)
        let config = site.config
        d.add(config.language)
        let keys = config.strings.keys.sorted()
        d.add(keys); d.add(keys.map { config.strings[$0]! })
        d.add(site.entities.count)
        for linked in site.entities { d.add(cache.fieldsDigest(of: linked.entity)) }
        d.add(site.articles.count)
        for linked in site.articles { d.add(cache.fieldsDigest(of: linked.article)); d.add(linked.blocksDigest) }
        d.add(site.annotations.count)
        for linked in site.annotations {
            d.add(cache.fieldsDigest(of: linked.annotation)); d.add(linked.articleID); d.add(linked.body.digest)
        }
        return d.finish()
    }

    /// Changed whenever what the index's files hold for the same site changes.
    static let formatVersion = 1

    /// The paths of the files written for one digest of the index's inputs.
    struct Paths: Archivable {
        var paths: [String]
        func archive(into w: inout ArchiveWriter) { w.strings(paths) }
        init(paths: [String]) { self.paths = paths }
        init(from r: inout ArchiveReader) throws { paths = try r.strings() }
    }
}
