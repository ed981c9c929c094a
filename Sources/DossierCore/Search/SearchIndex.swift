import Foundation
import ArabicText

/// The dossier's search index: plain functions over the linked site that write it as JavaScript
/// files under `search/` (`SiteLayout.searchIndex` and its shards), loaded by the search page with
/// `<script src>` so that searching works opened from disk as well as from a server.
///
/// **What is indexed.** Documents, in a fixed order: each entity (its name, aliases, English name
/// and summary), each block of each article (its text as the page shows it, with its anchor) and
/// each annotation (its quote and note). Words are found as linking finds them: the text is
/// normalised by `ArabicNormalizer` (marks, tatweel and direction marks removed, alef forms, ى/ي,
/// ة/ه, ؤ/ئ, digits and Latin case unified) and cut by `Tokenizer`. Each word is indexed under
/// itself and under every stem `Proclitics.stems` finds (لروسيا under روسيا too), and the page looks
/// a query's words up the same way, so «لروسيا» finds روسيا and وروسيا.
///
/// **Shards.** Terms are spread over `terms-N.js` files by a hash of the word (FNV-1a over its
/// scalars, which the page computes the same way), as many as the text's size calls for (a power of
/// two); a query loads one term file per word it looks up. Documents lie in `docs-N.js` files in
/// their order, cut every `documentShardBytes`; a query loads the ones holding the results it
/// shows. `index.js` holds the normalisation tables (`NormalizationRules`, made from the Swift
/// rules), the proclitics, the number of term shards and where each document shard starts.
///
/// Same site, same bytes: documents keep the site's order, terms are sorted, and work on all cores
/// is merged in a fixed order.
enum SearchIndex {
    enum Kind: String, Sendable { case entity = "e", paragraph = "p", note = "n" }

    struct Document: Sendable {
        var kind: Kind
        /// The link from the root (the search page), with its fragment.
        var url: String
        /// The entity's name, the article's title or the note's quote.
        var title: String
        /// The text shown under the title: a summary, a paragraph, a note.
        var text: String
        /// A language tag when it differs from the site's, else "".
        var language: String = ""
        /// The entity's kind, or the note's kind, as a label.
        var label: String = ""
        /// An entity's name, aliases and English name.
        var names: [String] = []

        /// The words searched: names and text.
        var searchedText: String {
            names.isEmpty ? (kind == .note ? title + "\n" + text : text) : names.joined(separator: "\n") + "\n" + text
        }
    }

    /// About how many bytes of text one term shard stands for, and at most how many bytes a document shard holds.
    static let textBytesPerTermShard = 64 * 1024
    static let documentShardBytes = 64 * 1024

    // MARK: Documents

    static func documents(of site: LinkedSite) -> [Document] {
        let strings = site.config.strings
        let siteLanguage = site.config.language
        @Sendable func language(_ tag: String) -> String { tag == siteLanguage ? "" : tag }
        var result = site.entities.map { linked -> Document in
            let e = linked.entity
            var names = [e.name]
            for alias in e.aliases.map(\.value) where !names.contains(alias) { names.append(alias) }
            if let english = e.nameEnglish, !names.contains(english) { names.append(english) }
            return Document(kind: .entity, url: SiteLayout.url(SiteLayout.entity(e.id), from: SiteLayout.search), title: e.name, text: e.summary ?? "",
                            label: PageContext.label("kind_\(e.kind.rawValue)_one", in: strings), names: names)
        }
        // Paragraphs and notes are made into text on all cores, in order.
        let paragraphs = ParallelMap.map(site.articles) { linked -> [Document] in
            let a = linked.article
            return linked.blocks.map { block in
                Document(kind: .paragraph, url: SiteLayout.url(SiteLayout.article(a.id), from: SiteLayout.search, fragment: block.anchor), title: a.title,
                         text: SearchText.plainText(fromHTML: block.html), language: language(a.language))
            }
        }
        result += paragraphs.joined()
        result += ParallelMap.map(site.annotations) { linked -> Document in
            let a = linked.annotation
            return Document(kind: .note, url: SiteLayout.url(SiteLayout.article(linked.articleID), from: SiteLayout.search,
                                                             fragment: SiteLayout.noteAnchor(a.id)),
                            title: a.quote.value, text: linked.body.utf8.withUnsafeBufferPointer(SearchText.plainText(utf8:)),
                            language: language(a.language), label: PageContext.label("annotation_\(a.kind.rawValue)", in: strings))
        }
        return result
    }

    // MARK: Words

    /// The keys a word is indexed and looked up under: the word, then its stems.
    static func keys(of word: String) -> [String] {
        [word] + Proclitics.stems(of: word)
    }

    /// The keys of every word of `text`, each once, in the order first met.
    static func keys(inText text: String, memo: inout [String: [String]]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for token in Tokenizer.tokens(of: ArabicNormalizer.normalize(text)) {
            let keys: [String]
            if let known = memo[token.text] { keys = known } else {
                keys = Self.keys(of: token.text)
                memo[token.text] = keys
            }
            for key in keys where seen.insert(key).inserted { result.append(key) }
        }
        return result
    }

    /// FNV-1a (32 bits) over the key's scalars: the page hashes a key the same way to find its shard.
    static func hash(_ key: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for scalar in key.unicodeScalars { h = (h ^ scalar.value) &* 0x0100_0193 }
        return h
    }

    // MARK: Files

    /// The index's files, paths relative to the output folder.
    static func build(_ site: LinkedSite) -> [(path: String, text: String)] {
        let docs = documents(of: site)
        let textBytes = docs.reduce(0) { $0 + $1.text.utf8.count + $1.title.utf8.count }
        var termShards = 1
        while termShards * textBytesPerTermShard < textBytes { termShards *= 2 }
        let shardCount = termShards

        // Each run of documents: its postings by term shard, key → document numbers (ascending).
        let runLength = 128
        let runs = stride(from: 0, to: docs.count, by: runLength).map { $0..<min($0 + runLength, docs.count) }
        let buckets = ParallelMap.map(runs) { run -> [[String: [Int]]] in
            var memo: [String: [String]] = [:]
            var shardOf: [String: Int] = [:]
            var buckets = [[String: [Int]]](repeating: [:], count: shardCount)
            for number in run {
                for key in keys(inText: docs[number].searchedText, memo: &memo) {
                    let shard: Int
                    if let known = shardOf[key] { shard = known } else {
                        shard = Int(hash(key) & UInt32(shardCount - 1))
                        shardOf[key] = shard
                    }
                    buckets[shard][key, default: []].append(number)
                }
            }
            return buckets
        }
        let termFiles = ParallelMap.map(Array(0..<shardCount)) { shard -> (path: String, text: String) in
            var postings: [String: [Int]] = [:]
            for run in buckets { for (key, numbers) in run[shard] { postings[key, default: []] += numbers } }
            var js = JavaScriptLiteral(capacity: 64 * 1024)
            js.raw("DossierSearch.terms(")
            js.int(shard)
            js.raw(",{")
            for (k, key) in postings.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if k > 0 { js.raw(",") }
                js.string(key)
                js.raw(":")
                // Ascending numbers as differences, which are short.
                let numbers = postings[key]!
                js.ints(numbers.indices.lazy.map { $0 == 0 ? numbers[0] : numbers[$0] - numbers[$0 - 1] })
            }
            js.raw("});\n")
            return (SiteLayout.searchTerms(shard), js.text)
        }

        // Documents, cut into shards of about `documentShardBytes`.
        let encoded = ParallelMap.map(docs) { doc -> [UInt8] in
            var js = JavaScriptLiteral()
            js.raw("[")
            js.string(doc.kind.rawValue); js.raw(","); js.string(doc.url); js.raw(","); js.string(doc.title); js.raw(",")
            js.string(doc.text)
            if !doc.language.isEmpty || !doc.label.isEmpty || !doc.names.isEmpty { js.raw(","); js.string(doc.language) }
            if !doc.label.isEmpty || !doc.names.isEmpty { js.raw(","); js.string(doc.label) }
            if !doc.names.isEmpty { js.raw(","); js.strings(doc.names) }
            js.raw("]")
            return js.bytes
        }
        var documentFiles: [(path: String, text: String)] = []
        var starts: [Int] = []
        var current: [UInt8] = []
        func finishShard() {
            current += Array("]);\n".utf8)
            documentFiles.append((SiteLayout.searchDocuments(documentFiles.count), String(decoding: current, as: UTF8.self)))
            current = []
        }
        for (number, bytes) in encoded.enumerated() {
            if !current.isEmpty, current.count + bytes.count > documentShardBytes { finishShard() }
            if current.isEmpty {
                starts.append(number)
                current = Array("DossierSearch.documents(\(documentFiles.count),[".utf8)
            } else {
                current.append(UInt8(ascii: ","))
            }
            current += bytes
        }
        if !current.isEmpty { finishShard() }

        var js = JavaScriptLiteral()
        js.raw("self.DossierSearchIndex={\"version\":1,\"documents\":")
        js.int(docs.count)
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
        return [(SiteLayout.searchIndex, js.text)] + termFiles + documentFiles
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
