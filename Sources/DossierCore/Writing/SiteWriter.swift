import Foundation

/// Writing stage: makes the output folder hold exactly the rendered files.
///
/// Runs only when the build had no errors, so a failed build leaves the previous site untouched.
/// A file whose bytes are unchanged is not rewritten (its modification time stays); changed files
/// are replaced whole (`FileReplacement`), so a reader never sees half a page; files the build no
/// longer produces are removed.
public struct SiteWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public struct Result: Sendable {
        public var written: Int
        public var unchanged: Int
        public var removed: Int
    }

    /// Writes `files`; a file without bytes is one the renderer found current, and stays as it is.
    /// With a cache, each page's digest is recorded with the file as it now is on disk.
    public func write(_ files: [OutputFile], cache: BuildCache? = nil) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        var result = Result(written: 0, unchanged: 0, removed: 0)
        // Paths are joined as strings: a URL or NSString step per file costs more than writing it.
        let outputPath = output.path
        for folder in Set(files.map { Self.folder(of: $0.path) }).sorted() where !folder.isEmpty {
            try fm.createDirectory(atPath: outputPath + "/" + folder, withIntermediateDirectories: true)
        }
        // Files are compared and written on all cores; each touches only its own path.
        let outcomes = ParallelMap.map(files) { file -> Swift.Result<Bool, Error> in
            Swift.Result {
                guard let contents = file.contents else { return false }
                let wrote = try contents.withBytes { try Self.writeIfChanged($0, to: outputPath + "/" + file.path) }
                if let cache, let digest = file.digest { cache.recordPage(file.path, digest: digest, output: outputPath) }
                return wrote
            }
        }
        for outcome in outcomes {
            if try outcome.get() { result.written += 1 } else { result.unchanged += 1 }
        }
        let wanted = Set(files.map(\.path))
        // Deepest first, so a folder is looked at after everything in it.
        let existing = DirectoryListing.entries(under: output.path).sorted { $0.path > $1.path }
        for entry in existing {
            let relative = entry.path
            let path = outputPath + "/" + relative
            if entry.isDirectory {
                if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try? fm.removeItem(atPath: path) }
            } else if !wanted.contains(relative) {
                try fm.removeItem(atPath: path)
                result.removed += 1
            }
        }
        return result
    }

    /// The folder part of a relative path (`entities/x.html` → `entities`; `index.html` → ``).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Writes `bytes` to `path` unless the file already holds exactly these bytes; returns whether it wrote.
    static func writeIfChanged(_ bytes: UnsafeRawBufferPointer, to path: String) throws -> Bool {
        if let existing = FileBytes.read(path), existing.count == bytes.count,
           bytes.isEmpty || existing.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) { return false }
        try FileReplacement.write(bytes, to: path)
        return true
    }
}
