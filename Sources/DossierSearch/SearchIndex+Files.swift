import Foundation
import ArabicText
import DossierModel
import DossierCache
import DossierLinking

extension SearchIndex {
    /// Consecutive articles and the notes placed in them: with the entities, the units the index is
    /// made of. Each unit is indexed on its own and, with a build cache, kept under a digest of what
    /// it is made of, so an edit indexes again only the unit it touches.
    struct Group: Sendable {
        var articles: Range<Int>
        /// Indices into `site.annotations`, in its order.
        var notes: [Int]
    }

    /// About how many bytes of article Markdown a group holds: small enough that an edit indexes
    /// little again, large enough that its documents fill several shards and that the term shards,
    /// which merge every unit's terms, do not merge many small units.
    static let groupSourceBytes = 256 * 1024

    /// The site's articles cut into groups in order, each of about `bytes` of Markdown (or one
    /// article larger than that) with the notes placed in its articles.
    static func groups(_ site: LinkedSite, bytes groupBytes: Int = groupSourceBytes) -> [Group] {
        var articleNumber: [String: Int] = [:]
        for (a, linked) in site.articles.enumerated() { articleNumber[linked.article.id] = a }
        var notesOf = [[Int]](repeating: [], count: site.articles.count)
        for (n, note) in site.annotations.enumerated() {
            if let a = articleNumber[note.articleID] { notesOf[a].append(n) }
        }
        var groups: [Group] = []
        var start = 0, bytes = 0
        func close(_ end: Int) {
            groups.append(Group(articles: start..<end, notes: notesOf[start..<end].flatMap { $0 }))
            start = end
            bytes = 0
        }
        for (a, linked) in site.articles.enumerated() {
            bytes += linked.article.markdown.utf8.count
            if bytes >= groupBytes { close(a + 1) }
        }
        if start < site.articles.count || groups.isEmpty { close(site.articles.count) }
        return groups
    }

    /// One unit's part of the index: its documents, in parts (see `Parts`), and its terms with the
    /// documents (numbered within the unit) holding each.
    ///
    /// The cache keeps its terms and how many documents each part holds, never the parts: a rebuild
    /// needs a unit's parts only when one of its document files is missing from the output, and
    /// then makes them again from the same documents (`Parts`), while every clean build would write
    /// them to the cache (about 40% of the index's cache entries).
    struct Unit: Archivable, Sendable {
        var documentCount = 0
        /// The bytes of text (titles and texts) of its documents, which size the term shards.
        var textBytes = 0
        /// How many documents each part holds.
        var partCounts: [Int] = []
        /// The parts, when this build made them (nil when the unit came from the cache).
        var parts: Parts?
        /// Term `t` is `keyScalars[keyStarts[t]..<keyStarts[t + 1]]`, hashed `keyHashes[t]`; its
        /// documents are `postings[postingStarts[t]..<postingStarts[t + 1]]`, ascending.
        var keyScalars: [UInt32] = []
        var keyStarts: [Int32] = [0]
        var keyHashes: [UInt32] = []
        var postings: [Int32] = []
        var postingStarts: [Int32] = [0]

        init(_ docs: [Document], compressed: Bool = true) {
            documentCount = docs.count
            textBytes = docs.reduce(0) { $0 + $1.text.count + $1.title.utf8.count }
            var indexer = Indexer()
            for (d, doc) in docs.enumerated() {
                for title in doc.searchedTitles { indexer.add(title, document: Int32(d)) }
                doc.text.withUnsafeBufferPointer { indexer.add(utf8: $0, document: Int32(d)) }
            }
            keyScalars = indexer.terms.storage
            keyStarts = indexer.terms.starts.map(Int32.init)
            keyHashes = indexer.terms.hashes
            (postings, postingStarts) = indexer.postings()
            let parts = Parts(docs, compressed: compressed)
            partCounts = parts.counts
            self.parts = parts
        }

        var termCount: Int { keyHashes.count }

        func key(_ t: Int) -> ArraySlice<UInt32> { keyScalars[Int(keyStarts[t])..<Int(keyStarts[t + 1])] }

        func archive(into w: inout ArchiveWriter) {
            w.int(documentCount); w.int(textBytes); w.ints(partCounts)
            w.array(keyScalars); w.array(keyStarts); w.array(keyHashes); w.array(postings); w.array(postingStarts)
        }

        init(from r: inout ArchiveReader) throws {
            documentCount = try r.int(); textBytes = try r.int(); partCounts = try r.ints()
            keyScalars = try r.array(); keyStarts = try r.array(); keyHashes = try r.array(); postings = try r.array()
            postingStarts = try r.array()
            guard partCounts.allSatisfy({ $0 > 0 }), partCounts.reduce(0, +) == documentCount,
                  keyStarts.count == keyHashes.count + 1, postingStarts.count == keyHashes.count + 1,
                  keyStarts.last.map(Int.init) == keyScalars.count, postingStarts.last.map(Int.init) == postings.count
            else { throw ArchiveError() }
        }
    }

    /// A unit's documents as the files show them: compressed JSON in base64, in parts of at most
    /// `documentShardBytes` of JSON (or one larger document), or, for the entities, JSON in one part.
    /// Every query reads all of the entities' documents (most show an entity), so they have nothing
    /// to decompress and, in one file, cost one load.
    struct Parts: Sendable {
        var compressed: Bool
        /// Each part's text in its file: base64, or JSON.
        var texts: [[UInt8]] = []
        var counts: [Int] = []

        init(_ docs: [Document], compressed: Bool) {
            self.compressed = compressed
            // Each part's JSON is written in one buffer, a document after another; a document that
            // takes a compressed part past its size ends it and starts the next one.
            var js = JavaScriptLiteral(capacity: documentShardBytes + 1024)
            js.singleByteArabic = compressed
            js.raw("[")
            var count = 0
            func close() {
                js.raw("]")
                texts.append(compressed ? js.bytes.withUnsafeBufferPointer(Deflate.compress).withUnsafeBufferPointer(JavaScriptLiteral.base64) : js.bytes)
                counts.append(count)
            }
            for doc in docs {
                let start = js.bytes.count
                if count > 0 { js.raw(",") }
                SearchIndex.write(doc, into: &js)
                if compressed, count > 0, js.bytes.count - 1 > documentShardBytes {
                    // Without the comma before it.
                    let document = js.removeBytes(from: start).dropFirst()
                    close()
                    js.removeAll()
                    js.raw("[")
                    js.append(document)
                    count = 0
                }
                count += 1
            }
            if count > 0 { close() }
        }

        /// Document shard `number`'s script, from part `part`.
        func file(_ part: Int, number: Int) -> Data {
            let quote = compressed ? "\"" : ""
            var data = Data(capacity: texts[part].count + 40)
            data.append(contentsOf: "DossierSearch.documents(\(number),\(quote)".utf8)
            data.append(contentsOf: texts[part])
            data.append(contentsOf: "\(quote));\n".utf8)
            return data
        }
    }

    /// Per term shard, the digest of one unit's terms in it (each key and the documents holding
    /// it, numbered within the unit), nil where it has none: a term shard is made again only when
    /// the part of some unit in it changed.
    struct ShardDigests: Archivable, Sendable {
        var digests: [Digest?]

        init(_ unit: Unit, _ byShard: [[Int32]]) {
            digests = byShard.map { terms in
                guard !terms.isEmpty else { return nil }
                // The number of terms, then each term's key and documents, each after its length,
                // gathered in one buffer and digested at once.
                var size = 1
                for t in terms.lazy.map(Int.init) {
                    size += 2 + Int(unit.keyStarts[t + 1] - unit.keyStarts[t]) + Int(unit.postingStarts[t + 1] - unit.postingStarts[t])
                }
                let words = [UInt32](unsafeUninitializedCapacity: size) { out, count in
                    out[0] = UInt32(terms.count)
                    var o = 1
                    for t in terms.lazy.map(Int.init) {
                        let keys = Int(unit.keyStarts[t])..<Int(unit.keyStarts[t + 1])
                        out[o] = UInt32(keys.count); o += 1
                        for k in keys { out[o] = unit.keyScalars[k]; o += 1 }
                        let documents = Int(unit.postingStarts[t])..<Int(unit.postingStarts[t + 1])
                        out[o] = UInt32(documents.count); o += 1
                        for p in documents { out[o] = UInt32(bitPattern: unit.postings[p]); o += 1 }
                    }
                    count = o
                }
                var d = Digester("search unit shard")
                words.withUnsafeBytes { d.add(bytes: $0) }
                return d.finish()
            }
        }

        func archive(into w: inout ArchiveWriter) {
            w.int(digests.count)
            for digest in digests {
                w.bool(digest != nil)
                if let digest { w.digest(digest) }
            }
        }

        init(from r: inout ArchiveReader) throws {
            digests = try r.list { try $0.bool() ? try $0.digest() : nil }
        }
    }

    /// Writes a document as JSON: `[kind, url, title, text, language, label, names]`, trailing empty
    /// fields left out; in ISO-8859-6 for a compressed part (see `JavaScriptLiteral.singleByteArabic`).
    static func write(_ doc: Document, into js: inout JavaScriptLiteral) {
        js.raw("[")
        js.string(doc.kind.rawValue); js.raw(","); js.string(doc.url); js.raw(","); js.string(doc.title); js.raw(",")
        doc.text.withUnsafeBufferPointer { js.string(utf8: $0) }
        if !doc.language.isEmpty || !doc.label.isEmpty || !doc.names.isEmpty { js.raw(","); js.string(doc.language) }
        if !doc.label.isEmpty || !doc.names.isEmpty { js.raw(","); js.string(doc.label) }
        if !doc.names.isEmpty { js.raw(","); js.strings(doc.names) }
        js.raw("]")
    }

    // MARK: Files

    /// The index's files, paths relative to the output folder. Each file is made from some units
    /// (a document shard from one, a term shard from those with a term in it) and its digest is
    /// made of theirs with its place: with a build cache and an output folder, a file whose digest
    /// is the one it was written from comes back without bytes (current, like an unchanged page).
    package static func files(for site: LinkedSite, cache: BuildCache? = nil, output: URL? = nil,
                              groupBytes: Int = groupSourceBytes) -> [OutputFile] {
        let groups = groups(site, bytes: groupBytes)
        let labels = labelsDigest(site)
        // Units: the entities, then each group; each under the digest of what it is made of.
        let keys = [entitiesKey(site, labels: labels)] + groups.map { groupKey(site, $0, labels: labels) }
        @Sendable func unitDocuments(_ u: Int) -> [Document] { u == 0 ? entityDocuments(site) : groupDocuments(site, groups[u - 1]) }
        let units = ParallelMap.map(Array(keys.indices)) { u -> Unit in
            let make = { Unit(unitDocuments(u), compressed: u > 0) }
            guard let cache else { return make() }
            return cache.value(keys[u], make)
        }
        var unitOffsets: [Int32] = []
        var documents = 0
        for unit in units { unitOffsets.append(Int32(documents)); documents += unit.documentCount }
        let offsets = unitOffsets
        let textBytes = units.reduce(0) { $0 + $1.textBytes }
        var shards = 1
        while shards * textBytesPerTermShard < textBytes { shards *= 2 }
        let shardCount = shards
        let mask = UInt32(shardCount - 1)

        @Sendable func file(_ path: String, digest: Digest, _ make: () -> Data) -> OutputFile {
            if let cache, let output, cache.pageIsCurrent(path, digest: digest, output: output.path) {
                return OutputFile(path: path, data: nil, digest: digest)
            }
            return OutputFile(path: path, contents: .bytes(make()), digest: digest)
        }

        // Document shards: each unit's parts in order, numbered across the site.
        var shardList: [(unit: Int, part: Int, number: Int, digest: Digest)] = []
        var starts: [Int] = []
        for (u, unit) in units.enumerated() {
            var start = Int(offsets[u])
            for (part, count) in unit.partCounts.enumerated() {
                var d = Digester("search documents file")
                d.add(formatVersion); d.add(keys[u]); d.add(part); d.add(shardList.count)
                shardList.append((u, part, shardList.count, d.finish()))
                starts.append(start)
                start += count
            }
        }
        let documentFiles = shardList
        let current = ParallelMap.map(documentFiles) { shard -> Bool in
            guard let cache, let output else { return false }
            return cache.pageIsCurrent(SiteLayout.searchDocuments(shard.number), digest: shard.digest, output: output.path)
        }
        // A unit from the cache has no parts: they are made again, from the documents its key
        // stands for, when one of its files is missing or changed in the output.
        let needed = Set(documentFiles.indices.filter { !current[$0] }.map { documentFiles[$0].unit })
        let parts = ParallelMap.map(Array(units.indices)) { u -> Parts? in
            if let parts = units[u].parts { return parts }
            guard needed.contains(u) else { return nil }
            let parts = Parts(unitDocuments(u), compressed: u > 0)
            precondition(parts.counts == units[u].partCounts, "a unit's documents made again fall into the parts its key recorded")
            return parts
        }
        let documentOutputs = ParallelMap.map(Array(documentFiles.indices)) { i -> OutputFile in
            let shard = documentFiles[i], path = SiteLayout.searchDocuments(shard.number)
            if current[i] { return OutputFile(path: path, data: nil, digest: shard.digest) }
            return OutputFile(path: path, contents: .bytes(parts[shard.unit]!.file(shard.part, number: shard.number)), digest: shard.digest)
        }

        // Term shards: each unit's terms, by the shard their hash picks, and the digest of each
        // unit's part of each shard (kept in the cache with the unit's key and the shard count).
        let unitShards = ParallelMap.map(Array(units.indices)) { u -> (terms: [[Int32]], digests: ShardDigests) in
            let (order, starts) = grouped(units[u].keyHashes.map { Int32($0 & mask) }, keyCount: shardCount)
            let byShard = (0..<shardCount).map { Array(order[Int(starts[$0])..<Int(starts[$0 + 1])]) }
            let make = { ShardDigests(units[u], byShard) }
            guard let cache else { return (byShard, make()) }
            var key = Digester("search unit shards")
            key.add(keys[u]); key.add(shardCount)
            return (byShard, cache.value(key.finish(), make))
        }
        let termOutputs = ParallelMap.map(Array(0..<shardCount)) { shard -> OutputFile in
            // A shard holds what its units hold in it, numbered from each unit's first document.
            var d = Digester("search terms file")
            d.add(formatVersion); d.add(shardCount); d.add(shard)
            for u in units.indices {
                guard let part = unitShards[u].digests.digests[shard] else { continue }
                d.add(part); d.add(Int(offsets[u]))
            }
            return file(SiteLayout.searchTerms(shard), digest: d.finish()) {
                termFile(shard, units: units, offsets: offsets, terms: unitShards.map { $0.terms[shard] })
            }
        }

        var js = JavaScriptLiteral()
        js.raw("self.DossierSearchIndex={\"version\":1,\"documents\":")
        js.int(documents)
        js.raw(",\"entities\":")
        js.int(site.entities.count)
        js.raw(",\"termShards\":")
        js.int(shardCount)
        js.raw(",\"termFiles\":")
        js.string(SiteLayout.searchTermsPattern)
        js.raw(",\"documentFiles\":")
        js.string(SiteLayout.searchDocumentsPattern)
        js.raw(",\"documentShards\":")
        js.ints(starts)
        js.raw(",\"proclitics\":{\"conjunctions\":")
        js.strings(Proclitics.conjunctions)
        js.raw(",\"prepositions\":")
        js.strings(Proclitics.prepositions)
        js.raw(",\"minimumStem\":")
        js.int(Proclitics.minimumStemLength)
        js.raw("},\"rules\":")
        rules(into: &js)
        js.raw("};\n")
        let indexBytes = Data(js.bytes)
        var d = Digester("search index file")
        indexBytes.withUnsafeBytes { d.add(bytes: $0) }
        return [file(SiteLayout.searchIndex, digest: d.finish()) { indexBytes }] + termOutputs + documentOutputs
    }

    /// Term shard `shard`: its keys in order, each with the documents holding it, numbered across
    /// the site and written as differences, which are short.
    static func termFile(_ shard: Int, units: [Unit], offsets: [Int32], terms: [[Int32]]) -> Data {
        // Each unit's terms in the shard, numbered by key: (unit, term) pairs grouped by key keep
        // the units' order, so a key's documents ascend.
        var table = TermTable()
        var pairKeys: [Int32] = [], pairUnits: [Int32] = [], pairTerms: [Int32] = []
        for (u, unit) in units.enumerated() {
            for t in terms[u] {
                pairKeys.append(Int32(table.number(of: unit.key(Int(t)), hash: unit.keyHashes[Int(t)]).number))
                pairUnits.append(Int32(u))
                pairTerms.append(t)
            }
        }
        let (byKey, starts) = grouped(pairKeys, keyCount: table.count)

        var js = JavaScriptLiteral(capacity: 64 * 1024)
        js.raw("DossierSearch.terms(")
        js.int(shard)
        js.raw(",{")
        // Scalar order is the order of the keys' UTF-8. A key's first four scalars, each at most
        // 0xFFFF, packed in a number (zeros after a shorter key), order most pairs of keys at once.
        let prefixes = (0..<table.count).map { key -> UInt64 in
            var packed: UInt64 = 0, n = 0
            for v in table.scalars(key).prefix(4) { packed = packed << 16 | UInt64(min(v, 0xFFFF)); n += 1 }
            return packed << (16 * UInt64(4 - n))
        }
        let order = (0..<table.count).sorted {
            prefixes[$0] != prefixes[$1] ? prefixes[$0] < prefixes[$1] : table.scalars($0).lexicographicallyPrecedes(table.scalars($1))
        }
        var utf8: [UInt8] = [], list: [UInt8] = []
        for (n, key) in order.enumerated() {
            if n > 0 { js.raw(",") }
            utf8.removeAll(keepingCapacity: true)
            for v in table.scalars(key) { utf8.append(contentsOf: Unicode.Scalar(v)!.utf8) }
            utf8.withUnsafeBufferPointer { js.string(utf8: $0) }
            js.raw(":")
            // The key's documents, written into `list` (at most 11 bytes each, with the comma) and
            // appended at once.
            var count = 0
            for i in byKey[Int(starts[key])..<Int(starts[key + 1])].lazy.map(Int.init) {
                let u = Int(pairUnits[i]), t = Int(pairTerms[i])
                count += Int(units[u].postingStarts[t + 1] - units[u].postingStarts[t])
            }
            if list.count < count * 11 + 2 { list = [UInt8](repeating: 0, count: count * 11 + 2) }
            let written = list.withUnsafeMutableBufferPointer { out -> Int in
                out[0] = UInt8(ascii: "[")
                var o = 1, previous: Int32 = 0
                for i in byKey[Int(starts[key])..<Int(starts[key + 1])].lazy.map(Int.init) {
                    // The unit's arrays read in place (a copy of the unit would retain each of them).
                    let u = Int(pairUnits[i]), offset = offsets[u], t = Int(pairTerms[i])
                    for document in units[u].postings[Int(units[u].postingStarts[t])..<Int(units[u].postingStarts[t + 1])] {
                        if o > 1 { out[o] = UInt8(ascii: ","); o += 1 }
                        o += JavaScriptLiteral.decimal(UInt32(document + offset - previous), at: out.baseAddress! + o)
                        previous = document + offset
                    }
                }
                out[o] = UInt8(ascii: "]")
                return o + 1
            }
            list.withUnsafeBufferPointer { js.append(UnsafeBufferPointer(rebasing: $0[..<written])) }
        }
        js.raw("});\n")
        return Data(js.bytes)
    }

    // MARK: Digests

    /// Changed whenever what the index's files hold for the same site changes.
    static let formatVersion = 6

    /// What every unit's documents read from the site besides their records: its language and labels.
    static func labelsDigest(_ site: LinkedSite) -> Digest {
        var d = Digester("search labels")
        d.add(formatVersion)
        d.add(site.config.language)
        let keys = site.config.strings.keys.sorted()
        d.add(keys); d.add(keys.map { site.config.strings[$0]! })
        return d.finish()
    }

    /// The entities' unit is made of their fields (names, aliases, summaries, kinds).
    static func entitiesKey(_ site: LinkedSite, labels: Digest) -> Digest {
        var d = Digester("search entities")
        d.add(labels)
        d.add(site.entities.count)
        for linked in site.entities { d.add(linked.entity.fieldsDigest) }
        return d.finish()
    }

    /// A group's unit is made of its articles' fields and linked blocks, and of its notes' fields,
    /// places and linked bodies.
    static func groupKey(_ site: LinkedSite, _ group: Group, labels: Digest) -> Digest {
        var d = Digester("search group")
        d.add(labels)
        d.add(group.articles.count)
        for linked in site.articles[group.articles] { d.add(linked.article.fieldsDigest); d.add(linked.blocksDigest) }
        d.add(group.notes.count)
        for linked in group.notes.map({ site.annotations[$0] }) {
            d.add(linked.annotation.fieldsDigest); d.add(linked.articleID); d.add(linked.body.digest)
        }
        return d.finish()
    }
}
