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
        for folder in Set(files.map { ($0.path as NSString).deletingLastPathComponent }).sorted() where !folder.isEmpty {
            try fm.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Files are compared and written on all cores; each touches only its own path.
        let output = self.output
        let outcomes = ParallelMap.map(files) { file -> Swift.Result<Bool, Error> in
            Swift.Result {
                guard let data = file.data else { return false }
                let wrote = try Self.writeIfChanged(data, to: output.appendingPathComponent(file.path).path)
                if let cache, let digest = file.digest { cache.recordPage(file.path, digest: digest, output: output) }
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
            let url = output.appendingPathComponent(relative)
            if entry.isDirectory {
                if (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? fm.removeItem(at: url) }
            } else if !wanted.contains(relative) {
                try fm.removeItem(at: url)
                result.removed += 1
            }
        }
        return result
    }

    /// Writes `data` to `path` unless the file already holds exactly these bytes; returns whether it wrote.
    static func writeIfChanged(_ data: Data, to path: String) throws -> Bool {
        if let existing = FileManager.default.contents(atPath: path), existing == data { return false }
        try data.withUnsafeBytes { try FileReplacement.write($0, to: path) }
        return true
    }
}
