import Foundation
import ArabicText
import DossierModel
import DossierCache
import DossierLinking

/// The dossier's search index: plain functions over the linked site that write it as JavaScript
/// files under `search/` (`SiteLayout.searchIndex` and its shards), loaded by the search page with
/// `<script src>` so that searching works opened from disk as well as from a server.
///
/// **What is indexed.** Documents, in a fixed order: each entity (its name, aliases, English name
/// and summary), then, group by group of articles (`SearchIndex+Files.swift`), each block of each
/// article (its text as the page shows it, with its anchor) and each annotation placed in them (its
/// quote and note). Words are found as linking finds them: the text is
/// normalised by `ArabicNormalizer` (marks, tatweel and direction marks removed, alef forms, ى/ي,
/// ة/ه, ؤ/ئ, digits and Latin case unified) and cut by `Tokenizer`. Each word is indexed under
/// itself and under every stem `Proclitics.stems` finds (لروسيا under روسيا too), and the page looks
/// a query's words up the same way, so «لروسيا» finds روسيا and وروسيا.
///
/// **Shards.** Terms are spread over `terms-N.js` files by a hash of the word (FNV-1a over its
/// scalars, which the page computes the same way), as many as the text's size calls for (a power of
/// two); a query loads one term file per word it looks up. Documents lie in `docs-N.js` files in
/// their order: the entities' first, as JSON in one file (every query reads them), then each
/// group's, cut every `documentShardBytes`, their JSON written in ISO-8859-6 (Arabic letters one
/// byte each instead of UTF-8's two, other scalars above ASCII as `\u` escapes: half the bytes to
/// compress), compressed (`Deflate`, zlib's format) and written as base64, which the page reads back
/// with the browser's `DecompressionStream` and `TextDecoder`. A query loads the shards holding the
/// results it shows. The text is most of the index: compressed, the index stays a fraction of the
/// site's HTML. `index.js` holds the normalisation tables (`NormalizationRules`, made from the
/// Swift rules), the proclitics, the number of term shards and where each document shard starts.
///
/// Same site, same bytes: documents keep the site's order, terms are sorted, and work on all cores
/// is merged in a fixed order. With a build cache, each unit is kept under the digest of what it is
/// made of, and a file is made again only when the units it is made from changed.
package enum SearchIndex {
    enum Kind: String, Sendable { case entity = "e", paragraph = "p", note = "n" }

    struct Document: Sendable {
        var kind: Kind
        /// The link from the root (the search page), with its fragment.
        var url: String
        /// The entity's name, the article's title or the note's quote.
        var title: String
        /// The text shown under the title (a summary, a paragraph, a note), as UTF-8: it is
        /// indexed and written as it is, never read as a String.
        var text: [UInt8]
        /// A language tag when it differs from the site's, else "".
        var language: String = ""
        /// The entity's kind, or the note's kind, as a label.
        var label: String = ""
        /// An entity's name, aliases and English name.
        var names: [String] = []

        /// The words searched, besides `text`: an entity's names, or a note's quote.
        var searchedTitles: [String] {
            names.isEmpty ? (kind == .note ? [title] : []) : names
        }
    }

    /// About how many bytes of text one term shard stands for, and at most how many bytes of JSON a
    /// document shard holds before it is compressed. A query loads one term shard per word it looks
    /// up and the document shards of the results it shows, so smaller shards would load less; but
    /// every shard is a file the build creates, and where creating a file costs as much as writing
    /// tens of KB, the index's file count weighs on a full build more than its bytes do. Shards of
    /// these sizes still load and decompress well within a query's budget (figures in
    /// Benchmarks/README.md).
    static let textBytesPerTermShard = 512 * 1024
    static let documentShardBytes = 128 * 1024

    // MARK: Documents

    /// The entities' documents: names, aliases, English names and summaries.
    static func entityDocuments(_ site: LinkedSite) -> [Document] {
        let strings = site.config.strings
        return site.entities.map { linked -> Document in
            let e = linked.entity
            var names = [e.name]
            for alias in e.aliases.map(\.value) where !names.contains(alias) { names.append(alias) }
            if let english = e.nameEnglish, !names.contains(english) { names.append(english) }
            return Document(kind: .entity, url: SiteLayout.url(SiteLayout.entity(e.id), from: SiteLayout.search), title: e.name, text: Array((e.summary ?? "").utf8),
                            label: InterfaceStrings.label("kind_\(e.kind.rawValue)_one", in: strings), names: names)
        }
    }

    /// The documents of a group of articles: each block of each article, then each note placed in them.
    static func groupDocuments(_ site: LinkedSite, _ group: Group) -> [Document] {
        let strings = site.config.strings
        let siteLanguage = site.config.language
        func language(_ tag: String) -> String { tag == siteLanguage ? "" : tag }
        var result: [Document] = []
        for linked in site.articles[group.articles] {
            let a = linked.article
            for block in linked.blocks {
                result.append(Document(kind: .paragraph, url: SiteLayout.url(SiteLayout.article(a.id), from: SiteLayout.search, fragment: block.anchor),
                                       title: a.title, text: SearchText.plainText(fromHTML: block.html), language: language(a.language)))
            }
        }
        for linked in group.notes.map({ site.annotations[$0] }) {
            let a = linked.annotation
            result.append(Document(kind: .note, url: SiteLayout.url(SiteLayout.article(linked.articleID), from: SiteLayout.search,
                                                                     fragment: SiteLayout.noteAnchor(a.id)),
                                   title: a.quote.value, text: linked.body.utf8.withUnsafeBufferPointer(SearchText.plainText(utf8:)),
                                   language: language(a.language), label: InterfaceStrings.label("annotation_\(a.kind.rawValue)", in: strings)))
        }
        return result
    }

    // MARK: Words

    /// The keys a word is indexed and looked up under: the word, then its stems.
    static func keys(of word: String) -> [String] {
        [word] + Proclitics.stems(of: word)
    }

    /// FNV-1a (32 bits) over the key's scalars: the page hashes a key the same way to find its shard.
    static func hash(_ key: String) -> UInt32 {
        hash(key.unicodeScalars.lazy.map(\.value))
    }

    static func hash(_ scalars: some Sequence<UInt32>) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for v in scalars { h = (h ^ v) &* 0x0100_0193 }
        return h
    }

    /// The letters a proclitic starts with (a handful: a scan is cheaper than hashing).
    static let procliticLetters: [UInt32] = Array(Set((Proclitics.conjunctions + Proclitics.prepositions).compactMap { $0.unicodeScalars.first?.value })).sorted()

    /// The terms of a run of documents and, as they were met, each (key, document) pair, a
    /// document once per key: a key's documents ascend.
    ///
    /// A value with methods rather than closures over variables, which Swift would check for
    /// exclusive access at every word.
    struct Indexer {
        var terms = TermTable()
        /// Each pair as one number, the key above the document: one array to append to.
        var pairs: [UInt64] = []
        /// Per term, the last document listed under it.
        var last: [Int32] = []
        /// Per term met as a word, its stems' terms: `stems[stemStart[t]..<stemEnd[t]]`; -1 until then.
        var stemStart: [Int32] = []
        var stemEnd: [Int32] = []
        var stems: [Int32] = []
        /// Each run of text met (the bytes between two spaces) and the terms it lists, in order:
        /// each of its words' term, then the word's stems' (`runTerms[runStarts[r]..<runStarts[r + 1]]`).
        /// Normalising reads scalar by scalar and a space is never part of a word, so a run's words
        /// do not depend on where it stands, and most runs of a text are met before: such a run is
        /// looked up once rather than normalised and its words looked up one by one.
        var runs = KeyTable<UInt8>()
        var runTerms: [Int32] = []
        var runStarts: [Int32] = [0]
        /// The words of the run being indexed, in arrays kept from one run to the next.
        var words = NormalizedWords()

        mutating func term(_ word: some Collection<UInt32>) -> Int {
            let (n, isNew) = terms.number(of: word, hash: SearchIndex.hash(word))
            if isNew {
                last.append(-1)
                stemStart.append(-1)
                stemEnd.append(-1)
            }
            return n
        }

        /// Indexes each word of `text` under its keys (itself and its stems), as document `d`.
        mutating func add(_ text: String, document d: Int32) {
            var text = text
            text.withUTF8 { add(utf8: $0, document: d) }
        }

        /// `add`, for text as UTF-8.
        mutating func add(utf8 text: UnsafeBufferPointer<UInt8>, document d: Int32) {
            guard let bytes = text.baseAddress else { return }
            var i = 0
            while i < text.count {
                if bytes[i] == UInt8(ascii: " ") { i += 1; continue }
                let (end, hash) = Self.run(bytes, from: i, count: text.count)
                let run = UnsafeBufferPointer(start: bytes + i, count: end - i)
                i = end
                let (r, isNew) = runs.number(of: run, hash: hash)
                if isNew { addTerms(of: run) }
                for k in Int(runStarts[r])..<Int(runStarts[r + 1]) { list(Int(runTerms[k]), d) }
            }
        }

        /// Where the run starting at `start` ends (the next space, or `count`) and a hash of its
        /// bytes, both read eight bytes at a time. Inlined in the indexing loop, which calls it for
        /// every run of every text.
        @inline(__always)
        static func run(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int) -> (end: Int, hash: UInt32) {
            let ones: UInt64 = 0x0101_0101_0101_0101, spaces = ones &* 0x20, k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var j = start, h: UInt64 = 0
            while true {
                var word: UInt64
                if j + 8 <= count {
                    word = UInt64(littleEndian: UnsafeRawPointer(bytes + j).loadUnaligned(as: UInt64.self))
                } else {
                    // The last bytes, with spaces after them.
                    word = spaces
                    for b in 0..<(count - j) { word = word & ~(0xFF << (8 * UInt64(b))) | UInt64(bytes[j + b]) << (8 * UInt64(b)) }
                }
                // The lowest byte of `word` that is a space has its top bit set here (bytes above it may too).
                let x = word ^ spaces
                let found = (x &- ones) & ~x & (ones &* 0x80)
                if found != 0 {
                    let kept = found.trailingZeroBitCount / 8
                    if kept > 0 { h = (h ^ (word & (UInt64.max >> UInt64(64 - 8 * kept)))) &* k }
                    j += kept
                    break
                }
                h = (h ^ word) &* k
                j += 8
            }
            h = (h ^ UInt64(j - start)) &* k
            return (j, UInt32(truncatingIfNeeded: h >> 32))
        }

        /// Lists the terms of a run met for the first time: each word's, then its stems'.
        private mutating func addTerms(of run: UnsafeBufferPointer<UInt8>) {
            // Taken out while it is read, so that the terms can change meanwhile.
            var words = self.words
            self.words = NormalizedWords()
            defer { self.words = words }
            words.read(utf8: run)
            words.scalars.withUnsafeBufferPointer { values in
                var start = 0
                for end in words.ends {
                    let word = UnsafeBufferPointer(rebasing: values[start..<end])
                    start = end
                    let t = term(word)
                    if stemStart[t] < 0 {
                        let first = Int32(stems.count)
                        // Only a word that starts with a proclitic's letter can have stems.
                        if procliticLetters.contains(word[0]) {
                            for stem in Proclitics.stems(of: word.map { Unicode.Scalar($0)! }) { stems.append(Int32(term(stem.map(\.value)))) }
                        }
                        stemStart[t] = first
                        stemEnd[t] = Int32(stems.count)
                    }
                    runTerms.append(Int32(t))
                    runTerms.append(contentsOf: stems[Int(stemStart[t])..<Int(stemEnd[t])])
                }
            }
            runStarts.append(Int32(runTerms.count))
        }

        private mutating func list(_ key: Int, _ d: Int32) {
            guard last[key] != d else { return }
            last[key] = d
            pairs.append(UInt64(key) << 32 | UInt64(UInt32(bitPattern: d)))
        }

        /// Each term's documents, ascending, one term after another, and where each term's
        /// documents lie (`starts[t]..<starts[t + 1]`).
        func postings() -> (postings: [Int32], starts: [Int32]) {
            let (order, starts) = SearchIndex.grouped(pairs.map { Int32(truncatingIfNeeded: $0 >> 32) }, keyCount: terms.count)
            return (order.map { Int32(truncatingIfNeeded: pairs[Int($0)]) }, starts)
        }
    }

    /// The positions of `keys` grouped by key, each group in the order of `keys` (a counting sort):
    /// the positions holding key `k` are `order[starts[k]..<starts[k + 1]]`. Every key is in
    /// `0..<keyCount` (term numbers, shard numbers), checked once before the unchecked passes.
    static func grouped(_ keys: [Int32], keyCount: Int) -> (order: [Int32], starts: [Int32]) {
        precondition(keys.allSatisfy { $0 >= 0 && Int($0) < keyCount }, "a key outside 0..<keyCount")
        var starts = [Int32](repeating: 0, count: keyCount + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            for k in keys { starts[Int(k) + 1] &+= 1 }
            for k in 0..<keyCount { starts[k + 1] &+= starts[k] }
        }
        var next = starts
        let order = [Int32](unsafeUninitializedCapacity: keys.count) { order, count in
            next.withUnsafeMutableBufferPointer { next in
                for (i, k) in keys.enumerated() {
                    order[Int(next[Int(k)])] = Int32(truncatingIfNeeded: i)
                    next[Int(k)] &+= 1
                }
            }
            count = keys.count
        }
        return (order, starts)
    }

    /// The normalisation tables (see `NormalizationRules`), written once per build.
    static func rules(into js: inout JavaScriptLiteral) {
        func ranges(_ list: [ClosedRange<UInt32>]) {
            js.ints(list.flatMap { [Int($0.lowerBound), Int($0.upperBound)] })
        }
        js.raw("{\"deleted\":")
        ranges(NormalizationRules.deleted)
        js.raw(",\"folds\":")
        js.ints(NormalizationRules.folds.flatMap { [Int($0.from), Int($0.to)] })
        js.raw(",\"stable\":")
        ranges(NormalizationRules.compatibilityStable)
        js.raw(",\"word\":")
        ranges(NormalizationRules.wordScalars)
        js.raw("}")
    }
}
