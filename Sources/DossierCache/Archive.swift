import Foundation
import DossierModel

/// A compact binary form for cached results: variable-length integers and length-prefixed UTF-8.
/// Each cached type writes and reads its own fields in a fixed order (see `Archivable`).
package struct ArchiveWriter {
    package internal(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        v = (v << 1) ^ UInt64(bitPattern: Int64(value) >> 63) // zig-zag
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes laid out as a string is (`string(_:)` reads them back as one).
    package mutating func utf8(_ value: UnsafeRawBufferPointer) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    package mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    package mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    package mutating func ints(_ values: [Int]) {
        int(values.count)
        for v in values { int(v) }
    }

    /// Fixed-width integers as their bytes in memory, with their count: the cache is read back on
    /// the machine that wrote it (`BuildCache` ignores another build's), so byte order is its own.
    package mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    package mutating func digest(_ d: Digest) {
        withUnsafeBytes(of: d.high.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: d.low.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func value<T: Archivable>(_ value: T) { value.archive(into: &self) }

    package mutating func values<T: Archivable>(_ values: [T]) {
        int(values.count)
        for v in values { v.archive(into: &self) }
    }
}

package struct ArchiveError: Error { package init() {} }

/// Reads what `ArchiveWriter` wrote, in place over bytes it never copies (such as a whole cache
/// shard file's). Only valid inside the closure that gives it (`read(_:_:)`).
package struct ArchiveReader {
    private let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    /// A reader over `bytes` (from `range.lowerBound` up to `range.upperBound`); the bytes must
    /// outlive every use of it.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
        self.bytes = bytes
        self.offset = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    /// Runs `body` with a reader over `bytes`.
    package static func read<R>(_ bytes: [UInt8], range: Range<Int>? = nil, _ body: (inout ArchiveReader) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { raw in
            var reader = ArchiveReader(raw, range: range)
            return try body(&reader)
        }
    }

    package var isAtEnd: Bool { offset >= end }

    mutating func byte() throws -> UInt8 {
        guard offset < end else { throw ArchiveError() }
        defer { offset += 1 }
        return bytes.load(fromByteOffset: offset, as: UInt8.self)
    }

    package mutating func int() throws -> Int {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            guard shift < 64 else { throw ArchiveError() }
        }
        return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    package mutating func bool() throws -> Bool { try byte() != 0 }

    package mutating func string() throws -> String {
        let n = try int()
        guard n >= 0, offset + n <= end else { throw ArchiveError() }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }

    /// A string's bytes, not checked as UTF-8 here.
    package mutating func utf8() throws -> [UInt8] {
        let n = try int()
        guard n >= 0, offset + n <= end else { throw ArchiveError() }
        defer { offset += n }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]))
    }

    package mutating func optional() throws -> String? { try bool() ? try string() : nil }

    package mutating func strings() throws -> [String] { try list { try $0.string() } }

    /// Decoded straight into the array returned: lists of numbers are most of an article's cached mentions.
    package mutating func ints() throws -> [Int] {
        let n = try count()
        return try [Int](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n {
                buffer.initializeElement(at: i, to: try int())
                initialized = i + 1
            }
        }
    }

    /// What `ArchiveWriter.array` wrote.
    package mutating func array<T: FixedWidthInteger>(_: T.Type = T.self) throws -> [T] {
        let n = try int()
        let size = MemoryLayout<T>.stride
        guard n >= 0, n <= (end - offset) / size else { throw ArchiveError() }
        let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n * size)]))
            initialized = n
        }
        offset += n * size
        return result
    }

    package mutating func digest() throws -> Digest {
        guard offset + 16 <= end else { throw ArchiveError() }
        let high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let low = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        offset += 16
        return Digest(high: high, low: low)
    }

    /// A count of items, each at least one byte, so a damaged count cannot ask for absurd memory.
    package mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= end - offset else { throw ArchiveError() }
        return n
    }

    package mutating func value<T: Archivable>(_: T.Type = T.self) throws -> T { try T(from: &self) }

    package mutating func values<T: Archivable>(_: T.Type = T.self) throws -> [T] { try list { try T(from: &$0) } }

    /// A count, then that many items read by `item`.
    package mutating func list<T>(_ item: (inout ArchiveReader) throws -> T) throws -> [T] {
        let n = try count()
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try item(&self)) }
        return result
    }
}

/// A value the build cache can store: written and read field by field, in the same order.
package protocol Archivable {
    func archive(into writer: inout ArchiveWriter)
    init(from reader: inout ArchiveReader) throws
}

extension Archivable {
    /// The digest of the value's archived form: a key that changes whenever any field does.
    func digest(_ domain: String) -> Digest {
        var writer = ArchiveWriter()
        archive(into: &writer)
        var d = Digester(domain)
        writer.bytes.withUnsafeBytes { d.add(bytes: $0) }
        return d.finish()
    }
}
