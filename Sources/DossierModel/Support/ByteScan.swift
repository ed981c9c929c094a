import Foundation

/// Byte searches over a string's UTF-8 with `memchr`: these run over every text of the site, where
/// iterating `String.UTF8View` element by element was a measurable part of linking.
package enum ByteScan {
    /// Whether `a`'s UTF-8 sorts before `b`'s, byte by byte (`memcmp`, then the shorter first).
    package static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
        if let order, let order { return order }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether `text`'s UTF-8 holds `byte`.
    package static func contains(_ byte: UInt8, in text: some StringProtocol) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ contains(byte, in: $0) }) { return found }
        var copy = String(text)
        return copy.withUTF8 { contains(byte, in: $0) }
    }

    package static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// Whether `text`'s UTF-8 holds `byte` twice in a row.
    package static func containsPair(_ byte: UInt8, in text: some StringProtocol) -> Bool {
        firstPair(byte, in: text) != nil
    }

    /// The UTF-8 offset in `text` of the first `byte` followed by another.
    package static func firstPair(_ byte: UInt8, in text: some StringProtocol) -> Int? {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count, let hit = memchr(base + offset, Int32(byte), bytes.count - offset) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if index + 1 < bytes.count, bytes[index + 1] == byte { return index }
                offset = index + 1
            }
            return nil
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = String(text)
        return copy.withUTF8(scan)
    }
}
