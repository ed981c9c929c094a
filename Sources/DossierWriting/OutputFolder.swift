import Foundation
import DossierModel

/// The output folder, held by one build from before it renders until its files are written: the
/// folder exists, is a folder, is locked against other builds, and is either empty or a Dossier
/// output (or the editor said `--force`).
///
/// The lock is `flock` on the folder itself, so a build that dies for any reason, `kill -9`
/// included, lets go of it; a second build into the same folder waits for the first.
package final class OutputFolder: @unchecked Sendable {
    let path: String
    package let display: String
    /// What the last build wrote here; nil when no Dossier build did (a new or adopted folder).
    let manifest: SiteManifest?
    private var descriptor: Int32
    /// Whether this build made the folder, which it then removes again if it stays empty.
    private let created: Bool

    private init(path: String, display: String, manifest: SiteManifest?, descriptor: Int32, created: Bool) {
        self.path = path
        self.display = display
        self.manifest = manifest
        self.descriptor = descriptor
        self.created = created
    }

    deinit { release() }

    /// Lets go of the folder: unlocks it and removes it if this build made it and wrote nothing.
    package func release() {
        guard descriptor >= 0 else { return }
        if created { rmdir(path) }
        close(descriptor)
        descriptor = -1
    }

    /// Opens (creating it when missing) and locks `output`; `waiting` is told once when another
    /// build holds the folder. An interrupted earlier publish is finished first (`PublishJournal`).
    package static func open(_ output: URL, force: Bool, waiting: (String) -> Void) throws -> OutputFolder {
        let path = output.standardizedFileURL.path
        let display = PathDisplay.display(output)
        func failure(_ summary: String, hint: String) -> BuildFailure {
            BuildFailure(diagnostics: [.error(display, summary, hint: hint)])
        }
        var info = stat()
        var created = false
        if lstat(path, &info) != 0 {
            guard errno == ENOENT || errno == ENOTDIR else { throw BuildFailure(diagnostics: [WriteFailure.diagnostic(display, doing: "open the output folder", errno: errno)]) }
            if let failed = Folders.make(path) {
                throw BuildFailure(diagnostics: [WriteFailure.diagnostic(PathDisplay.display(URL(fileURLWithPath: failed.path)),
                                                                         doing: "create the output folder", errno: failed.code)])
            }
            created = true
        } else if (info.st_mode & S_IFMT) == S_IFLNK {
            var target = stat()
            guard stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR else {
                throw failure("the output path is a symbolic link that leads to no folder",
                              hint: "remove the link or make it lead to a folder, or pass --output with another folder")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw failure("the output path is a file, not a folder",
                          hint: "move the file away, or pass --output with a folder (it is created when missing)")
        }
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw BuildFailure(diagnostics: [WriteFailure.diagnostic(display, doing: "open the output folder", errno: errno)]) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting("waiting for another build into \(display) to finish…")
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        do {
            try PublishJournal.recover(in: path, display: display)
        } catch {
            close(fd)
            throw error
        }
        let manifest = SiteManifest.read(in: path)
        if manifest == nil, !force, !isEmpty(path) {
            close(fd)
            throw failure("this folder is not empty and no dossier build wrote it",
                          hint: "a build removes the files it wrote earlier, so it writes only into an empty folder or one it wrote; pass --output with a new folder, or --force to write the site here (files of the folder that the site does not have are left alone)")
        }
        return OutputFolder(path: path, display: display, manifest: manifest, descriptor: fd, created: created)
    }

    /// Whether the folder holds nothing but what an interrupted build left behind.
    private static func isEmpty(_ path: String) -> Bool {
        (DirectoryListing.names(in: path) ?? []).allSatisfy { $0 == PublishJournal.stagingName }
    }
}
