import CXXHash

/// A 128-bit digest of build inputs, the key of every cached result: XXH3's 128-bit hash (xxHash,
/// from the system's libxxhash).
///
/// Not cryptographic: it guards against accidental reuse (two different inputs sharing a key by
/// chance, about 2⁻¹²⁸), not against someone crafting content to collide on purpose.
package struct Digest: Hashable, Sendable {
    package var high: UInt64
    package var low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}

/// Builds a digest from typed fields. Every field is written into one buffer with a tag and, where
/// its size varies, its length, so different sequences of fields never give the same bytes; the
/// digest is XXH3-128 of that buffer. A long run of bytes (a file, a cache entry) is hashed on its
/// own and enters the buffer as its length and hash, so it is not copied.
package struct Digester {
    private var buffer: [UInt8] = []
    /// Runs of bytes at least this long enter the buffer as their hash.
    private static let hashedRun = 1024

    package init(_ domain: String) {
        buffer.reserveCapacity(256)
        add(domain)
    }

    /// A run of bytes, with its length.
    package mutating func add(bytes: UnsafeRawBufferPointer) {
        if bytes.count >= Self.hashedRun {
            let hash = XXH3_128bits(bytes.baseAddress, bytes.count)
            tagged(0x01, UInt64(bytes.count))
            word(hash.high64); word(hash.low64)
        } else {
            tagged(0x02, UInt64(bytes.count))
            buffer.append(contentsOf: bytes)
        }
    }

    /// The UTF-8 of a string, digested as `add(_: String)` digests that string.
    package mutating func add(utf8: UnsafeRawBufferPointer) {
        add(bytes: utf8)
    }

    package mutating func add(_ string: String) {
        // A native string's bytes are read in place; only a bridged one is copied first.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { add(utf8: UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        var string = string
        string.withUTF8 { add(utf8: UnsafeRawBufferPointer($0)) }
    }

    package mutating func add(_ value: Int) { tagged(0x03, UInt64(bitPattern: Int64(value))) }
    package mutating func add(_ value: Bool) { tagged(0x04, value ? 1 : 0) }
    package mutating func add(_ digest: Digest) { tagged(0x05, digest.high); word(digest.low) }
    package mutating func add(_ strings: [String]) {
        tagged(0x06, UInt64(strings.count))
        for s in strings { add(s) }
    }

    private mutating func tagged(_ tag: UInt8, _ value: UInt64) {
        buffer.append(tag)
        word(value)
    }

    private mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    package func finish() -> Digest {
        let hash = buffer.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        return Digest(high: hash.high64, low: hash.low64)
    }
}
