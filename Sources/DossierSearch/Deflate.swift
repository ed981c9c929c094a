import Foundation
import CDeflate

/// DEFLATE in zlib's format (RFC 1950, 1951), for the search index's documents: the browser reads
/// it back with `DecompressionStream("deflate")`, so the page needs no decompressor of its own.
///
/// The stream is one block of literals under a Huffman code made for the input (no repeated
/// strings are looked for): the documents are ISO-8859-6 JSON, mostly Arabic letters, whose code
/// takes them to about 60% of their size, against about 35% with libdeflate's level 1, which looks
/// for repeats and costs more than twice as much per byte. Every full build compresses every
/// document, so the index is made larger (still well within its budget; see
/// Benchmarks/README.md) for a build that is cheaper. The same bytes give the same stream, on
/// every machine: the code depends only on how often each byte occurs.
///
/// libdeflate (Debian: libdeflate-dev) computes the Adler-32 checksum and, in the tests, reads
/// the stream back as an independent decoder.
enum Deflate {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { compress($0) }
    }

    static func compress(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Each byte's count, and the block's end (symbol 256) once.
        var frequencies = [Int](repeating: 0, count: 257)
        frequencies.withUnsafeMutableBufferPointer { counts in
            for b in input { counts[Int(b)] &+= 1 }
        }
        frequencies[256] = 1
        let literalLengths = HuffmanCode.lengths(frequencies, limit: 15)
        // No repeats, so no distances: two unused codes of one bit, a complete code as every
        // decoder accepts.
        let distanceLengths: [UInt8] = [1, 1]
        let literalCodes = HuffmanCode.codes(literalLengths)

        // A literal costs at most 15 bits; the header at most a few hundred bytes.
        let capacity = input.count * 2 + 1024
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            var bits = BitWriter(out.baseAddress!)
            // zlib's header: DEFLATE with a 32 KB window, no dictionary, the check bits.
            bits.byte(0x78); bits.byte(0x01)
            // The last block, with its own codes.
            bits.write(1, 1); bits.write(2, 2)
            HuffmanCode.writeLengths(literalLengths, distanceLengths, into: &bits)
            // Each literal's code (bit-reversed, as DEFLATE reads them) and, above it, its length.
            let table = (0..<256).map { UInt64(literalCodes[$0]) | UInt64(literalLengths[$0]) << 32 }
            table.withUnsafeBufferPointer { table in
                // Two literals at a time: at most 30 bits, which the writer takes at once.
                var i = 0
                while i &+ 1 < input.count {
                    let a = table[Int(input[i])], b = table[Int(input[i &+ 1])]
                    bits.write(a & 0xFFFF | (b & 0xFFFF) &<< (a >> 32), (a >> 32) &+ (b >> 32))
                    i &+= 2
                }
                if i < input.count { bits.write(table[Int(input[i])] & 0xFFFF, table[Int(input[i])] >> 32) }
            }
            bits.write(UInt64(literalCodes[256]), UInt64(literalLengths[256]))
            bits.align()
            let adler = UInt32(libdeflate_adler32(1, input.baseAddress, input.count))
            for shift in stride(from: 24, through: 0, by: -8) { bits.byte(UInt8(truncatingIfNeeded: adler >> UInt32(shift))) }
            count = bits.count
            precondition(count <= capacity, "a literal-only block stays within twice its input")
        }
    }
}

/// Bits written least significant first, as DEFLATE packs them, through a 64-bit word.
struct BitWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private var next: UnsafeMutablePointer<UInt8>
    private var word: UInt64 = 0
    private var pending: UInt64 = 0

    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
        next = start
    }

    /// Bytes written so far (after `align`, every bit).
    var count: Int { next - start }

    /// The `length` low bits of `value` (at most 32; the bits above them are zero).
    @inline(__always)
    mutating func write(_ value: UInt64, _ length: UInt64) {
        word |= value &<< pending
        pending &+= length
        if pending >= 32 {
            UnsafeMutableRawPointer(next).storeBytes(of: UInt32(truncatingIfNeeded: word).littleEndian, as: UInt32.self)
            next += 4
            word &>>= 32
            pending &-= 32
        }
    }

    /// The bits still pending, padded with zeros to a whole byte.
    mutating func align() {
        while pending > 0 {
            next.pointee = UInt8(truncatingIfNeeded: word)
            next += 1
            word &>>= 8
            pending = pending > 8 ? pending - 8 : 0
        }
        word = 0
    }

    /// A whole byte, at a byte boundary.
    mutating func byte(_ b: UInt8) {
        precondition(pending == 0, "a byte is written at a byte boundary")
        next.pointee = b
        next += 1
    }
}

/// Huffman codes as DEFLATE writes them: lengths limited to a maximum, canonical codes.
enum HuffmanCode {
    /// Each symbol's code length for these frequencies (0 for a symbol that does not occur), at
    /// most `limit` bits, forming a complete code: at least two symbols have a length (a second one
    /// is given to a lone symbol), so any decoder accepts it.
    ///
    /// A Huffman tree gives each symbol's depth; depths over the limit are brought to it and the
    /// code made complete again by lengthening the longest codes below it (as miniz and zlib's
    /// `gen_bitlen` do), then the lengths are handed out again with the shortest to the most
    /// frequent. Ties are broken by symbol, so the same frequencies give the same code.
    static func lengths(_ frequencies: [Int], limit: Int) -> [UInt8] {
        precondition(frequencies.count >= 2 && frequencies.count <= 1 << limit, "a code for 2 to 2^limit symbols")
        var weights = frequencies
        // A lone symbol gets the first absent one as a partner.
        var symbol = 0
        while weights.lazy.filter({ $0 > 0 }).count < 2 {
            if weights[symbol] == 0 { weights[symbol] = 1 }
            symbol += 1
        }
        let used = weights.indices.filter { weights[$0] > 0 }
        // Least frequent first.
        let sorted = used.sorted { (weights[$0], $0) < (weights[$1], $1) }
        // The tree, by the two-queue method: nodes 0..<n are the leaves in `sorted` order, each
        // later node joins the two lightest of the leaves and nodes not yet joined.
        let n = sorted.count
        var weight = sorted.map { weights[$0] }
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var leaf = 0, node = n
        func lightest() -> Int {
            if leaf < n, node >= weight.count || weight[leaf] <= weight[node] { leaf += 1; return leaf - 1 }
            node += 1
            return node - 1
        }
        while weight.count < 2 * n - 1 {
            let a = lightest(), b = lightest()
            parent[a] = weight.count; parent[b] = weight.count
            weight.append(weight[a] + weight[b])
        }
        // Depths: the root is the last node; a parent comes after its children.
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for i in stride(from: 2 * n - 3, through: 0, by: -1) { depth[i] = depth[parent[i]] + 1 }
        // How many codes of each length, the longest brought to the limit, then the code made
        // complete: while it is oversubscribed, a code of the limit's length is dropped and a
        // shorter code split into two one bit longer.
        var counts = [Int](repeating: 0, count: limit + 1)
        for i in 0..<n { counts[min(depth[i], limit)] += 1 }
        var total = 0
        for length in 1...limit { total += counts[length] << (limit - length) }
        while total > 1 << limit {
            counts[limit] -= 1
            for length in stride(from: limit - 1, to: 0, by: -1) where counts[length] > 0 {
                counts[length] -= 1
                counts[length + 1] += 2
                break
            }
            total -= 1
        }
        // The longest codes to the least frequent symbols.
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var k = 0
        for length in stride(from: limit, through: 1, by: -1) {
            for _ in 0..<counts[length] { lengths[sorted[k]] = UInt8(length); k += 1 }
        }
        return lengths
    }

    /// The canonical code of each symbol (RFC 1951, 3.2.2), its bits reversed: DEFLATE packs a
    /// code from its first bit, and `BitWriter` writes the low bits first.
    static func codes(_ lengths: [UInt8]) -> [UInt16] {
        let maximum = Int(lengths.max() ?? 0)
        var perLength = [Int](repeating: 0, count: maximum + 1)
        for l in lengths where l > 0 { perLength[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: maximum + 2)
        var code = 0
        for length in stride(from: 1, through: maximum, by: 1) {
            code = (code + perLength[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length -> UInt16 in
            guard length > 0 else { return 0 }
            let c = next[Int(length)]
            next[Int(length)] += 1
            var reversed = 0
            for bit in 0..<Int(length) where c & (1 << bit) != 0 { reversed |= 1 << (Int(length) - 1 - bit) }
            return UInt16(reversed)
        }
    }

    /// The order in which the code-length code's lengths are written (RFC 1951, 3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A dynamic block's header after its type: the literal/length and distance codes' lengths,
    /// run-length coded and written under a code of their own.
    static func writeLengths(_ literals: [UInt8], _ distances: [UInt8], into bits: inout BitWriter) {
        // Runs of equal lengths: 17 and 18 for zeros (3–10, 11–138), 16 to repeat the last (3–6).
        var symbols: [(symbol: Int, extra: Int, extraBits: Int)] = []
        let all = literals + distances
        var i = 0
        while i < all.count {
            let length = all[i]
            var run = 1
            while i + run < all.count, all[i + run] == length { run += 1 }
            i += run
            if length == 0 {
                while run >= 11 { let r = min(run, 138); symbols.append((18, r - 11, 7)); run -= r }
                if run >= 3 { symbols.append((17, run - 3, 3)); run = 0 }
                symbols += Array(repeating: (0, 0, 0), count: run)
            } else {
                symbols.append((Int(length), 0, 0)); run -= 1
                while run >= 3 { let r = min(run, 6); symbols.append((16, r - 3, 2)); run -= r }
                symbols += Array(repeating: (Int(length), 0, 0), count: run)
            }
        }
        var frequencies = [Int](repeating: 0, count: 19)
        for s in symbols { frequencies[s.symbol] += 1 }
        let lengths = Self.lengths(frequencies, limit: 7)
        let codes = Self.codes(lengths)
        var written = 19
        while written > 4, lengths[codeLengthOrder[written - 1]] == 0 { written -= 1 }
        bits.write(UInt64(literals.count - 257), 5)
        bits.write(UInt64(distances.count - 1), 5)
        bits.write(UInt64(written - 4), 4)
        for k in 0..<written { bits.write(UInt64(lengths[codeLengthOrder[k]]), 3) }
        for s in symbols {
            bits.write(UInt64(codes[s.symbol]), UInt64(lengths[s.symbol]))
            if s.extraBits > 0 { bits.write(UInt64(s.extra), UInt64(s.extraBits)) }
        }
    }
}

extension Deflate {
    /// What `compress` made, back: the tests read the index's documents as the browser does.
    static func decompress(_ input: Data, size: Int = 1 << 24) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var length = 0
        var output = [UInt8](repeating: 0, count: size)
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                libdeflate_zlib_decompress(decompressor, source.baseAddress, source.count, target.baseAddress, target.count, &length)
            }
        }
        return status == LIBDEFLATE_SUCCESS ? Array(output[..<length]) : nil
    }
}
