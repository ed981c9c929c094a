import Foundation

/// What one build remembers for the next, so that a rebuild after a small edit redoes only the work
/// that edit touches.
///
/// Every cached result is keyed by a digest of *all* its inputs (the file's bytes and path, the
/// entities' names and aliases, the notes placed in an article, the site options, the format
/// version), so a stale entry is never found rather than found and wrong. Pages are skipped when
/// the digest of their template set and complete context equals the one recorded when the file
/// now on disk was written, and that file still has the size and modification time recorded then.
/// A cache that cannot be read is ignored (the build is simply a full one).
public final class BuildCache: @unchecked Sendable {
    /// Bump when any archived layout or any keyed computation changes meaning.
    static let formatVersion = "dossier-cache-8"
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
    /// The old entries: each shard's bytes and where each entry lies in them.
    private var storage: [[UInt8]] = Array(repeating: [], count: shards)
    private var entries: [Digest: (shard: Int, range: Range<Int>)] = [:]
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
            var r = ArchiveReader(bytes, range: Self.magic.count..<bytes.count)
            do {
                guard try r.string() == Self.identity else { return }
                var pages: [String: PageRecord] = [:]
                for _ in 0..<(try r.count()) {
                    let path = try r.string()
                    pages[path] = PageRecord(digest: try r.digest(), size: try r.int(), modified: try r.int())
                }
                oldPages = pages
            } catch {
                oldPages = [:]
            }
        }
        let loaded = ParallelMap.map(Array(0..<Self.shards)) { shard -> ([UInt8], [(Digest, Range<Int>)]) in
            guard let bytes = self.read("entries-\(shard)") else { return ([], []) }
            var r = ArchiveReader(bytes, range: Self.magic.count..<bytes.count)
            var found: [(Digest, Range<Int>)] = []
            do {
                guard try r.string() == Self.identity else { return ([], []) }
                for _ in 0..<(try r.count()) {
                    let key = try r.digest()
                    let length = try r.count()
                    found.append((key, r.offset..<(r.offset + length)))
                    r.offset += length
                }
            } catch {
                return ([], [])
            }
            return (bytes, found)
        }
        for (shard, (bytes, found)) in loaded.enumerated() {
            storage[shard] = bytes
            for (key, range) in found { entries[key] = (shard, range) }
        }
    }

    /// A cache file's bytes without its checksum, or nil when it is missing or damaged in any way.
    private func read(_ name: String) -> [UInt8]? {
        guard var bytes = FileBytes.read(directory.appendingPathComponent(name).path) else { return nil }
        guard bytes.count >= Self.magic.count + 16, bytes.starts(with: Self.magic) else { return nil }
        let body = bytes.count - 16
        var tail = ArchiveReader(bytes, range: body..<bytes.count)
        guard let stored = try? tail.digest(), stored == Self.checksum(bytes[..<body]) else { return nil }
        bytes.removeLast(16)
        return bytes
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> Digest {
        var d = Digester("cache-file")
        bytes.withUnsafeBytes { d.add(bytes: $0) }
        return d.finish()
    }

    /// Writes a cache file with its checksum, replacing the old one atomically.
    private func write(_ writer: ArchiveWriter, to name: String) throws {
        var w = writer
        w.digest(Self.checksum(w.bytes[...]))
        try w.bytes.withUnsafeBytes { try FileReplacement.write($0, to: directory.appendingPathComponent(name).path) }
    }

    /// The cached result for `key`, or `compute()`'s, which is then remembered.
    func value<T: Archivable>(_ key: Digest, _ compute: () -> T) -> T {
        if let value: T = lookup(key) { return value }
        let value = compute()
        store(key, value)
        return value
    }

    /// The cached value for `key` if there is one that decodes, counted as a hit and kept for the next build.
    func lookup<T: Archivable>(_ key: Digest) -> T? {
        guard let value: T = decoded(key) else { return nil }
        lock.lock()
        hits += 1
        keptOld.insert(key)
        lock.unlock()
        return value
    }

    /// Remembers `value` under `key` for the next build, counted as a miss.
    func store<T: Archivable>(_ key: Digest, _ value: T) {
        var writer = ArchiveWriter()
        value.archive(into: &writer)
        lock.lock()
        misses += 1
        kept[key] = writer.bytes
        lock.unlock()
    }

    /// Keeps the entry for `key` for the next build without reading it; false when there is none.
    func keep(_ key: Digest) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard entries[key] != nil || kept[key] != nil else { return false }
        if kept[key] == nil { keptOld.insert(key) }
        return true
    }

    /// The value stored under `key`, by this build or the last, without counting it.
    func decoded<T: Archivable>(_ key: Digest) -> T? {
        lock.lock()
        let found = entries[key]
        let new = kept[key]
        lock.unlock()
        if let new {
            var reader = ArchiveReader(new, range: 0..<new.count)
            if let value = try? T(from: &reader), reader.isAtEnd { return value }
            return nil
        }
        guard let found else { return nil }
        var reader = ArchiveReader(storage[found.shard], range: found.range)
        guard let value = try? T(from: &reader), reader.isAtEnd else { return nil }
        return value
    }

    // MARK: Pages

    /// Whether the page at `path` (under `output`) was written from exactly this digest and is still as written.
    func pageIsCurrent(_ path: String, digest: Digest, output: URL) -> Bool {
        guard let old = oldPages[path], old.digest == digest,
              let now = Self.stat(output.appendingPathComponent(path).path), now.size == old.size, now.modified == old.modified
        else { return false }
        lock.lock()
        pagesSkipped += 1
        newPages[path] = old
        lock.unlock()
        return true
    }

    /// Records the page just written (or found already identical) at `path` from `digest`.
    func recordPage(_ path: String, digest: Digest, output: URL) {
        guard let now = Self.stat(output.appendingPathComponent(path).path) else { return }
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
        lock.lock()
        defer { lock.unlock() }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var changed = Set(kept.keys.map(Self.shard))
        for (key, found) in entries where !keptOld.contains(key) { changed.insert(found.shard) }
        for shard in changed.sorted() {
            var keys = kept.keys.filter { Self.shard(of: $0) == shard }
            keys += keptOld.filter { Self.shard(of: $0) == shard && kept[$0] == nil }
            keys.sort { ($0.high, $0.low) < ($1.high, $1.low) }
            var w = ArchiveWriter()
            w.bytes = Self.magic
            w.string(Self.identity)
            w.int(keys.count)
            for key in keys {
                w.digest(key)
                if let bytes = kept[key] {
                    w.int(bytes.count)
                    w.bytes.append(contentsOf: bytes)
                } else if let found = entries[key] {
                    w.int(found.range.count)
                    w.bytes.append(contentsOf: storage[found.shard][found.range])
                }
            }
            try write(w, to: "entries-\(shard)")
        }
        if newPages != oldPages || !changed.isEmpty {
            var w = ArchiveWriter()
            w.bytes = Self.magic
            w.string(Self.identity)
            w.int(newPages.count)
            for (path, page) in newPages.sorted(by: { $0.key < $1.key }) {
                w.string(path); w.digest(page.digest); w.int(page.size); w.int(page.modified)
            }
            try write(w, to: "pages")
        }
    }

    public var summary: String {
        "cache: \(hits) hits, \(misses) misses, \(pagesSkipped) pages unchanged"
    }
}
