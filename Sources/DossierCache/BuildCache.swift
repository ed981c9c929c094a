import Foundation
import DossierModel

/// What one build remembers for the next, so that a rebuild after a small edit redoes only the work
/// that edit touches.
///
/// Every cached result is keyed by a digest of *all* its inputs (the file's bytes and path, the
/// entities' names and aliases, the notes placed in an article, the site options, the format
/// version), so a stale entry is never found rather than found and wrong. A page is skipped when
/// its digest (`PageDependencies`: the templates and what the page is made of, digested before any
/// context is built) equals the one recorded when the file now on disk was written, and that file
/// still has the size and modification time recorded then.
/// A cache that cannot be read is ignored (the build is simply a full one).
public final class BuildCache: @unchecked Sendable {
    /// Bump when any archived layout or any keyed computation changes meaning.
    static let formatVersion = "dossier-cache-25"
    static let magic = Array("DOSSIER-CACHE\n".utf8)

    /// The format version and the running binary's size and modification time: a cache written by
    /// any other build of dossier is ignored, so a changed linker or renderer never reuses old results.
    static let identity: String = {
        var text = formatVersion
        if let executable = Bundle.main.executablePath, let info = stat(executable) {
            text += " \(info.size) \(info.modified)"
        }
        return text
    }()

    /// Where a build into `output` keeps its cache by default: beside it, in `.dossier-cache/<name>`.
    public static func defaultDirectory(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".dossier-cache")
            .appendingPathComponent(output.lastPathComponent)
    }

    /// One output page as it was last written.
    struct PageRecord: Sendable, Equatable {
        var digest: Digest
        var size: Int
        var modified: Int
    }

    /// The cache folder: `pages` and the entries in `shards` files by the first byte of their key,
    /// so a small edit rewrites a few small files, not all of them.
    public let directory: URL
    static let shards = 64
    private let lock = NSLock()
    /// The old entries: each shard's file, read whole, and where each entry lies in it with its
    /// checksum. An entry is checked and decoded only when asked for. The files are read, not
    /// mapped: another program cutting a mapped file short would make the build fault, and a
    /// damaged cache may cost a build its speed, never its result.
    private var storage: [[UInt8]?] = Array(repeating: nil, count: shards)
    private var entries: [Digest: (shard: Int, range: Range<Int>, checksum: Digest)] = [:]
    private var oldPages: [String: PageRecord] = [:]
    /// Entries of this build, old or new: the next cache holds these only, so it never grows stale.
    private var kept: [Digest: [UInt8]] = [:]
    private var keptOld: Set<Digest> = []
    private var newPages: [String: PageRecord] = [:]
    public private(set) var hits = 0
    public private(set) var misses = 0
    public private(set) var pagesSkipped = 0

    static func shard(of key: Digest) -> Int { Int(key.high >> 58) }

    /// Opens the cache in `directory`; missing, damaged or other-version files count as empty.
    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
        if let bytes = read("pages") {
            // nil: written by another version, so the whole cache is ignored.
            let pages = ArchiveReader.read(bytes, range: Self.magic.count..<bytes.count) { r -> [String: PageRecord]? in
                do {
                    guard try r.string() == Self.identity else { return nil }
                    var pages: [String: PageRecord] = [:]
                    let count = try r.count()
                    pages.reserveCapacity(min(count, bytes.count / 20))
                    for _ in 0..<count {
                        let path = try r.string()
                        pages[path] = PageRecord(digest: try r.digest(), size: try r.int(), modified: try r.int())
                    }
                    return pages
                } catch {
                    return [:]
                }
            }
            guard let pages else { return }
            oldPages = pages
        }
        let loaded = ParallelMap.map(Array(0..<Self.shards)) { shard -> ([UInt8]?, [(Digest, Range<Int>, Digest)]) in
            guard let file = FileBytes.read(directory.appendingPathComponent("entries-\(shard)").path) else { return (nil, []) }
            return file.withUnsafeBytes { bytes in
                guard let found = Self.index(of: bytes) else { return (nil, []) }
                return (file, found)
            }
        }
        entries.reserveCapacity(loaded.reduce(0) { $0 + $1.1.count })
        for (shard, (file, found)) in loaded.enumerated() {
            storage[shard] = file
            for (key, range, checksum) in found { entries[key] = (shard, range, checksum) }
        }
    }

    /// Where each entry of a shard file lies, or nil when the file is of another version or cut short.
    /// Layout: magic, identity, count, then per entry its key, length, checksum and bytes.
    static func index(of bytes: UnsafeRawBufferPointer) -> [(Digest, Range<Int>, Digest)]? {
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        // Read in place: only the headers are read, never the entries.
        var r = ArchiveReader(bytes, range: magic.count..<bytes.count)
        do {
            guard try r.string() == identity else { return nil }
            // Each entry takes at least 33 bytes, which bounds what a damaged count can ask for.
            let count = try r.int()
            guard count >= 0, count <= bytes.count / 33 else { return nil }
            var offset = r.offset
            var found: [(Digest, Range<Int>, Digest)] = []
            found.reserveCapacity(count)
            for _ in 0..<count {
                // Key (16 bytes), length (at most 10 bytes), checksum (16 bytes).
                var head = ArchiveReader(bytes, range: offset..<bytes.count)
                let key = try head.digest()
                let length = try head.int()
                let checksum = try head.digest()
                let start = head.offset
                guard length >= 0, length <= bytes.count - start else { return nil }
                found.append((key, start..<(start + length), checksum))
                offset = start + length
            }
            return offset == bytes.count ? found : nil
        } catch {
            return nil
        }
    }

    /// The checksum of an entry, and of the page records' file.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var d = Digester("cache-bytes")
        d.add(bytes: bytes)
        return d.finish()
    }

    /// The page records' file without its checksum, or nil when it is missing or damaged in any way.
    private func read(_ name: String) -> [UInt8]? {
        guard var bytes = FileBytes.read(directory.appendingPathComponent(name).path) else { return nil }
        guard bytes.count >= Self.magic.count + 16, bytes.starts(with: Self.magic) else { return nil }
        let body = bytes.count - 16
        let stored = ArchiveReader.read(bytes, range: body..<bytes.count) { try? $0.digest() }
        guard let stored, stored == bytes[..<body].withUnsafeBytes(Self.checksum) else { return nil }
        bytes.removeLast(16)
        return bytes
    }

    /// Replaces the cache file `name` with `bytes`, atomically.
    private func replace(_ name: String, with bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try FileReplacement.write($0, to: directory.appendingPathComponent(name).path) }
    }

    /// The cached result for `key`, or `compute()`'s, which is then remembered.
    package func value<T: Archivable>(_ key: Digest, _ compute: () -> T) -> T {
        if let value: T = lookup(key) { return value }
        let value = compute()
        store(key, value)
        return value
    }

    /// The cached value for `key` if there is one that decodes, counted as a hit and kept for the next build.
    package func lookup<T: Archivable>(_ key: Digest) -> T? {
        guard let value: T = decoded(key) else { return nil }
        lock.lock()
        hits += 1
        keptOld.insert(key)
        lock.unlock()
        return value
    }

    /// Remembers `value` under `key` for the next build, counted as a miss.
    package func store<T: Archivable>(_ key: Digest, _ value: T) {
        var writer = ArchiveWriter()
        value.archive(into: &writer)
        lock.lock()
        misses += 1
        kept[key] = writer.bytes
        lock.unlock()
    }

    /// Keeps the entry for `key` for the next build without reading it; false when there is none.
    package func keep(_ key: Digest) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard entries[key] != nil || kept[key] != nil else { return false }
        if kept[key] == nil { keptOld.insert(key) }
        return true
    }

    /// The value stored under `key`, by this build or the last, without counting it.
    package func decoded<T: Archivable>(_ key: Digest) -> T? {
        lock.lock()
        let found = entries[key]
        let new = kept[key]
        lock.unlock()
        if let new { return new.withUnsafeBytes { entry -> T? in Self.decode(entry) } }
        // An old entry is read in place in its shard file's bytes, once its checksum holds.
        guard let found, let file = storage[found.shard] else { return nil }
        return file.withUnsafeBytes { bytes in
            let entry = UnsafeRawBufferPointer(rebasing: bytes[found.range])
            guard Self.checksum(entry) == found.checksum else { return nil }
            return Self.decode(entry)
        }
    }

    /// A whole entry read as a `T`, or nil.
    private static func decode<T: Archivable>(_ entry: UnsafeRawBufferPointer) -> T? {
        var reader = ArchiveReader(entry)
        guard let value = try? T(from: &reader), reader.isAtEnd else { return nil }
        return value
    }

    /// An old entry's bytes, copied out of its shard file, or nil when they fail their checksum.
    private func oldEntry(_ found: (shard: Int, range: Range<Int>, checksum: Digest)) -> [UInt8]? {
        guard let file = storage[found.shard] else { return nil }
        return file.withUnsafeBytes { bytes in
            let entry = UnsafeRawBufferPointer(rebasing: bytes[found.range])
            guard Self.checksum(entry) == found.checksum else { return nil }
            return Array(entry)
        }
    }

    // MARK: Pages

    /// Whether the page at `path` (under the folder `output`) was written from exactly this digest and is still as written.
    package func pageIsCurrent(_ path: String, digest: Digest, output: String) -> Bool {
        guard let old = oldPages[path], old.digest == digest,
              let now = Self.stat(output + "/" + path), now.size == old.size, now.modified == old.modified
        else { return false }
        lock.lock()
        pagesSkipped += 1
        newPages[path] = old
        lock.unlock()
        return true
    }

    /// Records the page just written (or found already identical) at `path` from `digest`.
    package func recordPage(_ path: String, digest: Digest, output: String) {
        guard let now = Self.stat(output + "/" + path) else { return }
        lock.lock()
        newPages[path] = PageRecord(digest: digest, size: now.size, modified: now.modified)
        lock.unlock()
    }

    static func stat(_ path: String) -> (size: Int, modified: Int)? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0 else { return nil }
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        return (Int(info.st_size), modified)
    }

    // MARK: Saving

    /// Writes the entries this build used and the pages it wrote. Only shards that gained or lost
    /// an entry are rewritten; each file is replaced atomically.
    public func save() throws {
        try savePages(entriesChanged: saveEntries())
    }

    /// Writes the shards of entries that gained or lost an entry; true when there were any. The
    /// entries are complete once the site is rendered, so this can run while its pages are written
    /// and recorded: it reads a snapshot of them, and holds the lock only to take it.
    @discardableResult
    public func saveEntries() throws -> Bool {
        lock.lock()
        let kept = self.kept, keptOld = self.keptOld, entries = self.entries
        lock.unlock()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var changed = Set(kept.keys.map(Self.shard))
        for (key, found) in entries where !keptOld.contains(key) { changed.insert(found.shard) }
        // Each shard's keys, found in one pass over the entries.
        var keysOf = [[Digest]](repeating: [], count: Self.shards)
        for key in kept.keys { keysOf[Self.shard(of: key)].append(key) }
        for key in keptOld where kept[key] == nil { keysOf[Self.shard(of: key)].append(key) }
        for shard in changed.sorted() {
            let keys = keysOf[shard].sorted { ($0.high, $0.low) < ($1.high, $1.low) }
            // A damaged old entry is dropped here, not passed on.
            let parts = keys.compactMap { key -> (key: Digest, checksum: Digest, bytes: [UInt8])? in
                if let bytes = kept[key] { return (key, bytes.withUnsafeBytes(Self.checksum), bytes) }
                if let found = entries[key], let bytes = oldEntry(found) { return (key, found.checksum, bytes) }
                return nil
            }
            var w = ArchiveWriter()
            // Magic, identity and count, then per entry at most 42 bytes of key, length and checksum.
            w.bytes.reserveCapacity(Self.magic.count + 64 + parts.reduce(0) { $0 + 42 + $1.bytes.count })
            w.bytes += Self.magic
            w.string(Self.identity)
            w.int(parts.count)
            for part in parts {
                w.digest(part.key); w.int(part.bytes.count); w.digest(part.checksum)
                w.bytes.append(contentsOf: part.bytes)
            }
            try replace("entries-\(shard)", with: w.bytes)
        }
        return !changed.isEmpty
    }

    /// Writes the page records, when they or the entries (`entriesChanged`) differ from the last build's.
    public func savePages(entriesChanged: Bool) throws {
        lock.lock()
        defer { lock.unlock() }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if newPages != oldPages || entriesChanged {
            var w = ArchiveWriter()
            w.bytes = Self.magic
            w.string(Self.identity)
            w.int(newPages.count)
            for (path, page) in newPages.sorted(by: { $0.key < $1.key }) {
                w.string(path); w.digest(page.digest); w.int(page.size); w.int(page.modified)
            }
            // The page records are read whole, so one checksum covers the file.
            w.digest(w.bytes.withUnsafeBytes(Self.checksum))
            try replace("pages", with: w.bytes)
        }
    }

    public var summary: String {
        "cache: \(hits) hits, \(misses) misses, \(pagesSkipped) pages unchanged"
    }
}
