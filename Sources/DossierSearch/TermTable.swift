import Foundation
import DossierModel
import DossierCache
import DossierLinking
/// Keys made of numbers, each stored once in one array and found by a hash the caller gives: the
/// search index's normalised words (and stems) as scalars, hashed by FNV-1a (`SearchIndex.hash`,
/// which also picks a word's shard), and the runs of text it reads as bytes. Indexing looks up every
/// word of every text; a Dictionary of Strings would hash Arabic through its canonical form at each
/// lookup, and one of arrays would allocate one per word.
struct KeyTable<Element: FixedWidthInteger & Sendable>: Sendable {
    /// Key `n` is `storage[starts[n]..<starts[n + 1]]`.
    private(set) var storage: [Element] = []
    private(set) var starts: [Int] = [0]
    private(set) var hashes: [UInt32] = []
    /// Open addressing: -1 for an empty slot, else a key's number.
    private var slots: [Int32] = Array(repeating: -1, count: 1024)

    var count: Int { hashes.count }

    func scalars(_ n: Int) -> ArraySlice<Element> { storage[starts[n]..<starts[n + 1]] }

    /// The number of `key`, added when new; `isNew` says which. Inlined: the indexing loop calls
    /// it for every run of every text.
    @inline(__always)
    mutating func number(of key: some Collection<Element>, hash: UInt32) -> (number: Int, isNew: Bool) {
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while true {
            let n = Int(slots[i])
            if n < 0 { break }
            if hashes[n] == hash, starts[n + 1] - starts[n] == key.count, equals(n, key) { return (n, false) }
            i = (i + 1) & mask
        }
        let n = hashes.count
        storage.append(contentsOf: key)
        starts.append(storage.count)
        hashes.append(hash)
        slots[i] = Int32(n)
        if hashes.count * 2 > slots.count { grow() }
        return (n, true)
    }

    /// Whether key `n` is `key` (of the same length): compared as memory where `key` is contiguous.
    private func equals(_ n: Int, _ key: some Collection<Element>) -> Bool {
        let start = starts[n], end = starts[n + 1]
        guard start < end else { return true }
        return key.withContiguousStorageIfAvailable { k in
            storage.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, k.baseAddress!, (end - start) * MemoryLayout<Element>.stride) == 0 }
        } ?? storage[start..<end].elementsEqual(key)
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

/// Normalised words and stems, as scalars.
typealias TermTable = KeyTable<UInt32>
