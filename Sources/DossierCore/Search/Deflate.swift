import Foundation
import CZlib

/// zlib's deflate, for the search index's documents: the browser reads the result back with
/// `DecompressionStream("deflate")`, so the page needs no decompressor of its own.
///
/// Level 1, zlib's fastest: on Arabic text it keeps within a few points of the default level's size
/// in a quarter of its time, and compressing runs in every full build. The same bytes give the same
/// output with the same zlib (the build's determinism holds on one machine, as for every file).
enum Deflate {
    static let level: Int32 = 1

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(bound))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                compress2(target.baseAddress, &bound, source.baseAddress, uLong(source.count), level)
            }
        }
        // compress2 fails only without memory or with a buffer smaller than compressBound.
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        output.removeSubrange(Int(bound)...)
        return output
    }
}

extension Deflate {
    /// What `compress` made, back: the tests read the index's documents as the browser does.
    static func decompress(_ input: Data, size: Int = 1 << 24) -> [UInt8]? {
        var length = uLong(size)
        var output = [UInt8](repeating: 0, count: size)
        let bytes = [UInt8](input)
        let status = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                uncompress(target.baseAddress, &length, source.baseAddress, uLong(source.count))
            }
        }
        return status == Z_OK ? Array(output[..<Int(length)]) : nil
    }
}
