import Foundation
import CDeflate
import DossierModel
import DossierCache
import DossierLinking

/// DEFLATE in zlib's format, for the search index's documents, through libdeflate (Debian:
/// libdeflate-dev): the browser reads the result back with `DecompressionStream("deflate")`, so the
/// page needs no decompressor of its own.
///
/// Level 1, the fastest: compressing runs in every full build (see Benchmarks/README.md for its
/// share). The same bytes give the same output with the same libdeflate (the build's determinism
/// holds on one machine, as for every file).
enum Deflate {
    static let level: Int32 = 1

    static func compress(_ input: [UInt8]) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else { fatalError("libdeflate could not allocate a compressor") }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            count = input.withUnsafeBytes { source in
                libdeflate_zlib_compress(compressor, source.baseAddress, source.count, output.baseAddress, bound)
            }
            // Never 0 with a buffer of the bound's size.
            precondition(count > 0, "libdeflate found no room within its own bound")
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
