import Foundation
import DossierModel

/// Switches a staged site into the output folder, and finishes the switch when a build was killed
/// during it.
///
/// A build first writes every changed file into `.dossier-staging/` inside the output folder (as
/// `rsync --delay-updates` does), while the site stays as it was: if any file cannot be written,
/// the staging folder is removed and nothing else changed. Then it writes the journal, the list of
/// renames and removals that make the new site, and carries it out. Each rename replaces one whole
/// file, so a reader never sees half a page. The journal is written under a temporary name and
/// renamed, so it is there whole or not at all: a build killed before it leaves the site as it
/// was, one killed after it leaves a site of whole old and new pages that the next build (or
/// `dossier build` that fails on the content) finishes switching before it does anything else.
enum PublishJournal {
    static let stagingName = ".dossier-staging"
    static let journalName = "journal"
    static let header = "# dossier publish journal 1"

    /// One step of a switch.
    enum Step: Equatable {
        /// Rename the staged file `staged` to `path` (both relative: to the staging and the output folder).
        case put(staged: String, path: String)
        /// Remove `path`, a file an earlier build wrote, and the folders it leaves empty.
        case remove(String)
    }

    /// What a switch did.
    struct Outcome {
        var removed = 0
    }

    static func text(of steps: [Step]) -> String {
        var lines = [header]
        for step in steps {
            switch step {
            case .put(let staged, let path): lines.append("put \(staged) \(path)")
            case .remove(let path): lines.append("remove \(path)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func steps(from text: String) -> [Step]? {
        var lines = text.split(separator: "\n")[...]
        guard lines.popFirst() == Substring(header) else { return nil }
        var steps: [Step] = []
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "put", SiteManifest.isSafeRelativePath(parts[1]), SiteManifest.isSafeRelativePath(parts[2]) {
                steps.append(.put(staged: String(parts[1]), path: String(parts[2])))
            } else if parts.count >= 2, parts[0] == "remove", case let path = line.dropFirst("remove ".count), SiteManifest.isSafeRelativePath(path) {
                steps.append(.remove(String(path)))
            } else {
                return nil
            }
        }
        return steps
    }

    /// Finishes the switch an interrupted build left in `output`, or removes what it staged if it
    /// never got as far as its journal.
    static func recover(in output: String, display: String) throws {
        let staging = output + "/" + stagingName
        var info = stat()
        guard lstat(staging, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let bytes = FileBytes.read(staging + "/" + journalName),
           let text = String(validating: bytes, as: UTF8.self), let steps = steps(from: text) {
            _ = try carryOut(steps, in: output, display: display)
        }
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Writes the journal of `steps` into the staging folder, then carries it out and removes the
    /// staging folder.
    static func commit(_ steps: [Step], in output: String, display: String) throws -> Outcome {
        let staging = output + "/" + stagingName
        let journal = staging + "/" + journalName
        let written = Array(text(of: steps).utf8).withUnsafeBytes { bytes -> Int32? in
            guard SafeFile.create(journal + ".new", bytes) == 0 else { return errno }
            return rename(journal + ".new", journal) == 0 ? nil : errno
        }
        if let code = written {
            try? FileManager.default.removeItem(atPath: staging)
            throw BuildFailure(diagnostics: [WriteFailure.diagnostic("\(display)/\(stagingName)/\(journalName)", doing: "write the publish journal", errno: code)])
        }
        let outcome = try carryOut(steps, in: output, display: display)
        try? FileManager.default.removeItem(atPath: staging)
        return outcome
    }

    /// Renames and removes, in order. Steps already done (by a build killed midway) are skipped,
    /// so carrying out a journal twice does what carrying it out once does.
    private static func carryOut(_ steps: [Step], in output: String, display: String) throws -> Outcome {
        var outcome = Outcome()
        var failures: [Diagnostic] = []
        var made: Set<String> = []
        for step in steps {
            switch step {
            case .put(let staged, let path):
                let from = output + "/" + stagingName + "/" + staged
                var info = stat()
                guard lstat(from, &info) == 0 else { continue }
                let folder = SiteWriter.folder(of: path)
                if !folder.isEmpty, made.insert(folder).inserted, let failed = Folders.make(output + "/" + folder) {
                    failures.append(WriteFailure.diagnostic(display + String(failed.path.dropFirst(output.count)), doing: "create this folder", errno: failed.code))
                    continue
                }
                if rename(from, output + "/" + path) != 0 {
                    failures.append(WriteFailure.diagnostic("\(display)/\(path)", doing: "replace this file", errno: errno))
                }
            case .remove(let path):
                guard SiteWriter.isInside(path, output: output) else { continue }
                let full = output + "/" + path
                var info = stat()
                guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
                if unlink(full) != 0 {
                    failures.append(WriteFailure.diagnostic("\(display)/\(path)", doing: "remove this file", errno: errno))
                    continue
                }
                outcome.removed += 1
                // Folders the removal emptied go too; rmdir leaves a folder that still holds anything.
                var folder = SiteWriter.folder(of: path)
                while !folder.isEmpty, rmdir(output + "/" + folder) == 0 { folder = SiteWriter.folder(of: folder) }
            }
        }
        if !failures.isEmpty {
            throw BuildFailure(diagnostics: failures.map {
                var d = $0
                d.hint = (d.hint ?? "") + "; the site is partly switched to the new build: the next build finishes it"
                return d
            })
        }
        return outcome
    }
}

/// A file created whole by one process: never an existing file, every byte written, closed.
enum SafeFile {
    /// Creates `path` with `bytes`; 0, or -1 with `errno` set (the partial file removed).
    static func create(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return -1 }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(path)
                errno = code
                return -1
            }
            offset += n
        }
        if close(fd) != 0 {
            let code = errno
            unlink(path)
            errno = code
            return -1
        }
        return 0
    }
}
