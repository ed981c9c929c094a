import Foundation

/// Writing stage: makes the output folder hold exactly the rendered files.
///
/// Runs only when the build had no errors, so a failed build leaves the previous site untouched.
/// A file whose bytes are unchanged is not rewritten (its modification time stays); changed files
/// are written to a temporary name and renamed, so a reader never sees half a page; files the build
/// no longer produces are removed.
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

    public func write(_ files: [OutputFile]) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        var result = Result(written: 0, unchanged: 0, removed: 0)
        for file in files {
            let url = output.appendingPathComponent(file.path)
            if let existing = try? Data(contentsOf: url), existing == file.data {
                result.unchanged += 1
                continue
            }
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url, options: .atomic)
            result.written += 1
        }
        let wanted = Set(files.map(\.path))
        let existing = (fm.enumerator(atPath: output.path)?.allObjects as? [String] ?? []).sorted().reversed()
        for relative in existing {
            let url = output.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? fm.removeItem(at: url) }
            } else if !wanted.contains(relative) {
                try fm.removeItem(at: url)
                result.removed += 1
            }
        }
        return result
    }
}
