/// Finds mentions of names in running Arabic text: the first word of a name may carry proclitics,
/// later words match exactly; longest name first at each word; a word belongs to at most one mention.
///
/// Matching runs on every word of every text, so it compares scalars in place: a word is looked up
/// by a hash of its scalars and confirmed scalar by scalar, never copied into a String.
public struct MentionMatcher<Target: Hashable & Sendable>: Sendable {
    /// A mention found in a text: the normalised range it covers and what it names.
    public struct Match: Sendable, Hashable {
        public let target: Target
        /// The range in the normalised text, from the first scalar of the first word to the end of the last.
        public let range: Range<Int>
        /// The name as listed (which alias matched).
        public let phrase: String
        /// The number `add` returned for that name.
        public let phraseID: Int
    }

    /// First-word hash → candidates, longest name first once finalised.
    private var index: [UInt64: [Candidate]] = [:]
    /// The same, made by `finalize` into the table the matching loop reads.
    private var table: WordTable?
    private var targets: [Target] = []
    private var count = 0

    public init() {}

    /// Adds a name; its words are normalised here. Returns its number, reported in every match of it.
    @discardableResult
    public mutating func add(_ phrase: String, for target: Target) -> Int {
        add(phrase, words: Tokenizer.words(of: phrase), for: target)
    }

    /// Adds a name whose normalised words (`Tokenizer.words(of: phrase)`) the caller already has.
    @discardableResult
    public mutating func add(_ phrase: String, words: [String], for target: Target) -> Int {
        add(phrase, prepared: Self.prepare(words: words), for: target)
    }

    /// A name as written (with any vowel marks or shadda it carries), prepared for the matcher.
    public static func prepare(_ phrase: String) -> PreparedName {
        let normalized = ArabicNormalizer.normalize(phrase)
        let ranges = Tokenizer.wordRanges(in: normalized.scalars)
        let words = ranges.map { range -> String in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: normalized.scalars[range])
            return String(view)
        }
        var prepared = prepare(words: words)
        if Vocalization.hasMarks(normalized) {
            let marks = Vocalization(of: normalized).marks
            prepared.marks = ranges.map { Array(marks[$0]) }
        }
        return prepared
    }

    /// A name's normalised words with every spelling of its first word (bare and with proclitics),
    /// worked out apart from the matcher so that many names can be prepared on all cores.
    public struct PreparedName: Sendable {
        let length: Int
        let rest: [[Unicode.Scalar]]
        let firstForms: [(scalars: [Unicode.Scalar], hash: UInt64)]
        /// Per word, the marks written on each letter (`Vocalization`; zeros where none is written).
        public internal(set) var marks: [[UInt8]]
    }

    public static func prepare(words: [String]) -> PreparedName {
        guard let first = words.first else { return PreparedName(length: 0, rest: [], firstForms: [], marks: []) }
        let forms = Proclitics.variants(of: first).map { variant -> ([Unicode.Scalar], UInt64) in
            let scalars = Array(variant.unicodeScalars)
            return (scalars, MentionScan.hash(scalars[...]))
        }
        return PreparedName(length: words.count, rest: words.dropFirst().map { Array($0.unicodeScalars) }, firstForms: forms,
                            marks: words.map { [UInt8](repeating: 0, count: $0.unicodeScalars.count) })
    }

    /// Adds a prepared name. Returns its number, reported in every match of it.
    @discardableResult
    public mutating func add(_ phrase: String, prepared: PreparedName, for target: Target) -> Int {
        let id = count
        count += 1
        guard prepared.length > 0 else { return id }
        targets.append(target)
        let entry = Phrase(target: targets.count - 1, rest: prepared.rest, length: prepared.length, phrase: phrase, id: id,
                           marks: prepared.marks)
        for form in prepared.firstForms {
            index[form.hash, default: []].append(Candidate(first: form.scalars, phrase: entry))
        }
        return id
    }

    /// Sorts candidates longest first once all names are added; ties by the order they were added.
    public mutating func finalize() {
        // In place, through `values`: looping over `keys` while assigning by key copied the whole table.
        var i = index.values.startIndex
        while i != index.values.endIndex {
            index.values[i].sort { a, b in
                a.phrase.length != b.phrase.length ? a.phrase.length > b.phrase.length : a.phrase.id < b.phrase.id
            }
            i = index.values.index(after: i)
        }
        table = WordTable(index)
    }

    /// Every mention in `text`, left to right. Where the text's vowel marks or shadda contradict a
    /// name's (`Vocalization`), it is not that name; where two names of different targets fit the
    /// same words equally well (spelt alike but for marks the text does not carry), neither is taken.
    public func matches(in text: NormalizedText) -> [Match] {
        let marks = Vocalization.hasMarks(text) ? Vocalization(of: text).marks : nil
        return MentionScan.find(in: text.scalars, marks: marks, table: table ?? WordTable(index)).map { found in
            Match(target: targets[found.phrase.target], range: found.range, phrase: found.phrase.phrase, phraseID: found.phrase.id)
        }
    }
}

/// The matcher's loop and helpers, outside the generic type so they are compiled once and fully optimised.
enum MentionScan {
    /// Every name in `scalars`, left to right, longest first at each word.
    static func find(in scalars: [Unicode.Scalar], marks: [UInt8]?, table: WordTable) -> [(phrase: Phrase, range: Range<Int>)] {
        let words = Tokenizer.wordRanges(in: scalars)
        var result: [(phrase: Phrase, range: Range<Int>)] = []
        var i = 0
        while i < words.count {
            var taken: Phrase?
            var ambiguous = false
            if let list = table.lookup(hash(scalars[words[i]])) {
                for candidate in table.lists[list] where i + candidate.phrase.length <= words.count {
                    let phrase = candidate.phrase
                    // Candidates come longest first: once one is taken, only an equally long one of
                    // another target can make the words ambiguous.
                    if let first = taken, phrase.length < first.length { break }
                    guard scalars[words[i]].elementsEqual(candidate.first) else { continue }
                    var ok = true
                    for (k, word) in phrase.rest.enumerated() {
                        let token = words[i + 1 + k]
                        // Words of one name are separated by spaces only, never by punctuation.
                        if !scalars[token].elementsEqual(word) || !isSpace(scalars[words[i + k].upperBound..<token.lowerBound]) {
                            ok = false
                            break
                        }
                    }
                    if ok, let marks {
                        for k in 0..<phrase.length where !Vocalization.agrees(marks[words[i + k]], with: phrase.marks[k]) {
                            ok = false
                            break
                        }
                    }
                    guard ok else { continue }
                    if let first = taken {
                        if first.target != phrase.target { ambiguous = true; break }
                        continue
                    }
                    taken = phrase
                }
            }
            if let phrase = taken {
                // Ambiguous words name no one for sure: they are passed over whole.
                if !ambiguous { result.append((phrase, words[i].lowerBound..<words[i + phrase.length - 1].upperBound)) }
                i += phrase.length
            } else {
                i += 1
            }
        }
        return result
    }

    @inline(__always)
    static func isSpace(_ gap: ArraySlice<Unicode.Scalar>) -> Bool {
        gap.allSatisfy { $0 == " " || $0.properties.isWhitespace }
    }

    /// FNV-1a over the scalar values.
    @inline(__always)
    static func hash(_ word: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in word { h = (h ^ UInt64(scalar.value)) &* 0x100_0000_01b3 }
        return h
    }
}

/// One name of a target, as words.
struct Phrase: Sendable {
    /// Index into the matcher's targets (the matching loop stays free of the generic type).
    let target: Int
    let rest: [[Unicode.Scalar]]
    let length: Int
    let phrase: String
    let id: Int
    /// Per word, the marks written on each letter (zeros where none is written).
    let marks: [[UInt8]]
}

/// A spelling of a name's first word (bare or with proclitics) and the name it begins.
struct Candidate: Sendable {
    let first: [Unicode.Scalar]
    let phrase: Phrase
}

/// First-word hashes → candidate lists, open-addressed: the matcher looks up every word of every
/// text, and a Dictionary would hash each key again where FNV-1a has already spread it.
struct WordTable: Sendable {
    private var keys: [UInt64]
    /// Per slot: -1 when empty, else the index of its list in `lists`.
    private var slots: [Int32]
    private(set) var lists: [[Candidate]] = []
    private let mask: Int

    init(_ index: [UInt64: [Candidate]]) {
        var capacity = 16
        while capacity < index.count * 2 { capacity *= 2 }
        mask = capacity - 1
        keys = Array(repeating: 0, count: capacity)
        slots = Array(repeating: -1, count: capacity)
        lists.reserveCapacity(index.count)
        for (key, list) in index {
            var i = Self.slot(of: key, mask: mask)
            while slots[i] >= 0 { i = (i + 1) & mask }
            keys[i] = key
            slots[i] = Int32(lists.count)
            lists.append(list)
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    /// The index in `lists` of the candidates for `key`, if any.
    @inline(__always)
    func lookup(_ key: UInt64) -> Int? {
        var i = Self.slot(of: key, mask: mask)
        while true {
            let list = slots[i]
            if list < 0 { return nil }
            if keys[i] == key { return Int(list) }
            i = (i + 1) & mask
        }
    }
}
