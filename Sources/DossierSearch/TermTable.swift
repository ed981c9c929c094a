import Foundation
import DossierModel
import DossierCache
import DossierLinking
/// Normalised words (and stems) as numbers, for the search index: each stored once as scalars in one
/// array and found by its FNV-1a hash (`SearchIndex.hash`, which also picks its shard). Indexing
/// looks up every word of every text; a Dictionary of Strings would hash Arabic through its
/// canonical form at each lookup, and one of arrays would allocate one per word.
struct TermTable: Sendable {
    /// Term `n` is `storage[starts[n]..<starts[n + 1]]`.
    private(set) var storage: [UInt32] = []
    private(set) var starts: [Int] = [0]
    private(set) var hashes: [UInt32] = []
    /// Open addressing: -1 for an empty slot, else a term's number.
    private var slots: [Int32] = Array(repeating: -1, count: 1024)

    var count: Int { hashes.count }

    func scalars(_ n: Int) -> ArraySlice<UInt32> { storage[starts[n]..<starts[n + 1]] }

    /// The number of `word`, added when new; `isNew` says which.
    mutating func number(of word: some Collection<UInt32>, hash: UInt32) -> (number: Int, isNew: Bool) {
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while true {
            let n = Int(slots[i])
            if n < 0 { break }
            if hashes[n] == hash, starts[n + 1] - starts[n] == word.count, equals(n, word) { return (n, false) }
            i = (i + 1) & mask
        }
        let n = hashes.count
        storage.append(contentsOf: word)
        starts.append(storage.count)
        hashes.append(hash)
        slots[i] = Int32(n)
        if hashes.count * 2 > slots.count { grow() }
        return (n, true)
    }

    /// Whether term `n` is `word` (of the same length): compared as memory where `word` is contiguous.
    private func equals(_ n: Int, _ word: some Collection<UInt32>) -> Bool {
        let stored = storage[starts[n]..<starts[n + 1]]
        guard !stored.isEmpty else { return true }
        return word.withContiguousStorageIfAvailable { w in
            stored.withUnsafeBytes { memcmp($0.baseAddress!, w.baseAddress!, $0.count) == 0 }
        } ?? stored.elementsEqual(word)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for n in hashes.indices {
            var i = Int(hashes[n]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(n)
        }
    }
}
