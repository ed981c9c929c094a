/// A 128-bit digest of build inputs, the key of every cached result.
///
/// Not cryptographic: it guards against accidental reuse (two different inputs sharing a key by
/// chance, about 2⁻¹²⁸), not against someone crafting content to collide on purpose.
struct Digest: Hashable, Sendable {
    var high: UInt64
    var low: UInt64
}

/// Builds a digest from typed fields; every field is length- or tag-prefixed so that different
/// sequences of fields never feed the same bytes.
struct Digester {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var count: UInt64 = 0

    init(_ domain: String) {
        add(domain)
    }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        // Long inputs (page HTML, file texts, cache files) go through four independent lanes, so the
        // multiplications overlap instead of waiting on each other; the lanes then join the state.
        if n >= 64 {
            var l0 = a ^ 0x9E37_79B9_7F4A_7C15, l1 = b ^ 0xC2B2_AE3D_27D4_EB4F
            var l2 = a ^ 0x1656_67B1_9E37_79F9, l3 = b ^ 0x27D4_EB2F_1656_67C5
            while i + 32 <= n {
                l0 = Self.lane(l0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                l1 = Self.lane(l1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                l2 = Self.lane(l2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                l3 = Self.lane(l3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            mix(l0); mix(l1); mix(l2); mix(l3)
        }
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in 0..<(n - i) { tail |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            mix(tail ^ 0x8000_0000_0000_0000)
        }
    }

    /// One step of a lane: a bijection of `word` for a given lane state.
    @inline(__always) private static func lane(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let x = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        return ((x << 31) | (x >> 33)) &* 0xC2B2_AE3D_27D4_EB4F
    }

    /// The UTF-8 of a string, digested as `add(_: String)` digests that string.
    mutating func add(utf8: UnsafeRawBufferPointer) {
        add(utf8.count)
        add(bytes: utf8)
    }

    mutating func add(_ string: String) {
        // A native string's bytes are read in place; only a bridged one is copied first.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { add(utf8: UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        var string = string
        string.withUTF8 { add(utf8: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ value: Int) { mix(UInt64(bitPattern: Int64(value)) ^ 0x5bd1_e995) }
    mutating func add(_ value: Bool) { mix(value ? 0x9e37 : 0x7f4a) }
    mutating func add(_ digest: Digest) { mix(digest.high); mix(digest.low) }
    mutating func add(_ strings: [String]) {
        add(strings.count)
        for s in strings { add(s) }
    }

    @inline(__always) private mutating func mix(_ word: UInt64) {
        count &+= 1
        a = (a ^ word) &* 0x9E37_79B9_7F4A_7C15
        a = (a << 31) | (a >> 33)
        b = (b ^ word ^ count) &* 0xC2B2_AE3D_27D4_EB4F
        b = ((b << 27) | (b >> 37)) &+ a
    }

    func finish() -> Digest {
        func fmix(_ k: UInt64) -> UInt64 {
            var k = k
            k ^= k >> 33; k &*= 0xff51_afd7_ed55_8ccd
            k ^= k >> 33; k &*= 0xc4ce_b9fe_1a85_ec53
            k ^= k >> 33
            return k
        }
        let high = fmix(a &+ count), low = fmix(b ^ (a >> 7))
        return Digest(high: high, low: low)
    }
}
