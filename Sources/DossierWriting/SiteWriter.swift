import Foundation
import DossierModel
import DossierCache

/// Writing stage: makes the output folder hold the rendered site, all or nothing.
///
/// Runs only when the build had no errors. A file whose bytes are unchanged is not rewritten (its
/// modification time stays). Changed files are staged and switched in by `PublishJournal`, so a
/// reader never sees half a page and a failed write leaves the previous site as it was. Files an
/// earlier build wrote (`SiteManifest`) and this one does not are removed; files no build wrote
/// are left alone and reported once. Nothing is written through a symbolic link, and nothing
/// outside the output folder is removed.
public struct SiteWriter: Sendable {
    let folder: OutputFolder

    package init(folder: OutputFolder) {
        self.folder = folder
    }

    public struct Result: Sendable {
        public var written: Int
        public var unchanged: Int
        /// The files written (new or replaced), by path in the output folder, sorted.
        public var writtenPaths: [String] = []
        public var removed: Int
        /// Files found in the output folder that no build wrote, reported for the first time.
        public var leftAlone: [String] = []
    }

    /// Writes `files`; a file without bytes is one the renderer found current, and stays as it is.
    /// With a cache, each page's digest is recorded with the file as it now is on disk.
    package func write(_ files: [OutputFile], cache: BuildCache? = nil) throws -> Result {
        let output = folder.path, display = folder.display
        let staging = output + "/" + PublishJournal.stagingName
        try refuseUnwritablePlaces(for: files)
        if mkdir(staging, 0o755) != 0 {
            throw BuildFailure(diagnostics: [WriteFailure.diagnostic(display, doing: "write into the output folder", errno: errno)])
        }
        // Changed files are staged on all cores, each under its number; the site is not touched yet.
        let staged = ParallelMap.map(Array(files.indices)) { i -> Swift.Result<Bool, Diagnostic> in
            guard let contents = files[i].contents else { return .success(false) }
            return contents.withBytes { bytes in
                if Self.holds(output + "/" + files[i].path, bytes) { return .success(false) }
                guard SafeFile.create(staging + "/\(i)", bytes) == 0 else {
                    return .failure(WriteFailure.diagnostic("\(display)/\(files[i].path)", doing: "write this file", errno: errno))
                }
                return .success(true)
            }
        }
        let failures = staged.compactMap { if case .failure(let d) = $0 { return d } else { return nil } }
        guard failures.isEmpty else {
            try? FileManager.default.removeItem(atPath: staging)
            throw BuildFailure(diagnostics: failures)
        }

        let wanted = Set(files.map(\.path))
        var steps: [PublishJournal.Step] = []
        var result = Result(written: 0, unchanged: 0, removed: 0)
        for (i, outcome) in staged.enumerated() {
            if case .success(true) = outcome {
                steps.append(.put(staged: "\(i)", path: files[i].path))
                result.written += 1
                result.writtenPaths.append(files[i].path)
            } else {
                result.unchanged += 1
            }
        }
        result.writtenPaths.sort()
        let previous = folder.manifest ?? SiteManifest()
        for path in previous.written.subtracting(wanted).sorted() { steps.append(.remove(path)) }
        // Files in the folder that neither this build nor the last one wrote belong to someone else.
        let foreign = Set(DirectoryListing.entries(under: output).lazy.filter { !$0.isDirectory }.map(\.path).filter {
            !wanted.contains($0) && !previous.written.contains($0) && $0 != SiteManifest.fileName
                && !$0.hasPrefix(PublishJournal.stagingName + "/") && SiteManifest.isSafeRelativePath($0)
        })
        result.leftAlone = foreign.subtracting(previous.leftAlone).sorted()
        let manifest = SiteManifest(written: wanted, leftAlone: foreign)
        if manifest != folder.manifest {
            let code = Array(manifest.text.utf8).withUnsafeBytes { SafeFile.create(staging + "/manifest", $0) == 0 ? nil : errno }
            if let code {
                try? FileManager.default.removeItem(atPath: staging)
                throw BuildFailure(diagnostics: [WriteFailure.diagnostic("\(display)/\(SiteManifest.fileName)", doing: "write this file", errno: code)])
            }
            steps.append(.put(staged: "manifest", path: SiteManifest.fileName))
        }

        let outcome = try PublishJournal.commit(steps, in: output, display: display)
        result.removed = outcome.removed
        if let cache {
            for file in files where file.contents != nil {
                if let digest = file.digest { cache.recordPage(file.path, digest: digest, output: output) }
            }
        }
        return result
    }

    /// Refuses, before anything is written, every place where a file of the site cannot go: a
    /// folder of the site that is a symbolic link (writing through it would write outside the
    /// output folder) or a file, and a page whose path is a folder.
    private func refuseUnwritablePlaces(for files: [OutputFile]) throws {
        let output = folder.path, display = folder.display
        var problems: [Diagnostic] = []
        var checked: Set<String> = [""]
        for file in files where file.contents != nil {
            var folderPath = Self.folder(of: file.path)
            var chain: [String] = []
            while checked.insert(folderPath).inserted {
                chain.append(folderPath)
                folderPath = Self.folder(of: folderPath)
            }
            for part in chain.reversed() {
                var info = stat()
                guard lstat(output + "/" + part, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: continue
                case S_IFLNK:
                    problems.append(.error("\(display)/\(part)", "this folder of the site is a symbolic link; the site is never written through one",
                                           hint: "remove the link (the build makes the folder), or pass --output with another folder"))
                default:
                    problems.append(WriteFailure.diagnostic("\(display)/\(part)", doing: "make this folder of the site", errno: ENOTDIR))
                }
            }
            var info = stat()
            if lstat(output + "/" + file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                problems.append(WriteFailure.diagnostic("\(display)/\(file.path)", doing: "write this file", errno: EISDIR))
            }
        }
        if !problems.isEmpty { throw BuildFailure(diagnostics: problems.sorted { $0.path < $1.path }) }
    }

    /// Whether the regular file at `path` holds exactly `bytes`.
    static func holds(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count,
              let existing = FileBytes.read(path), existing.count == bytes.count else { return false }
        return bytes.isEmpty || existing.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// Whether every folder on the way to `path` (relative to `output`) is a real folder, not a
    /// link: a file removed there is inside the output folder.
    static func isInside(_ path: String, output: String) -> Bool {
        guard SiteManifest.isSafeRelativePath(path) else { return false }
        var folder = Self.folder(of: path)
        while !folder.isEmpty {
            var info = stat()
            guard lstat(output + "/" + folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
            folder = Self.folder(of: folder)
        }
        return true
    }

    /// The folder part of a relative path (`entities/x.html` → `entities`; `index.html` → ``).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }
}
