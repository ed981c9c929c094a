import Foundation

/// Symbolic links inside an editor's folder (`Content/`, `Templates/`) must lead to a place inside
/// it: a link out of it would read, and publish, any file of the machine.
package struct ContainedPath {
    /// The folder as the file system resolves it.
    let root: String

    package init(_ folder: URL) {
        root = RealPath.resolved(folder)
    }

    /// Nil when `path` is not a symbolic link or leads to a place inside the folder; else the
    /// problem, as an error at `display`.
    package func problem(at path: String, display: String) -> Diagnostic? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        guard let real = realpath(path, nil) else {
            if errno == ELOOP {
                return .error(display, line: 1, column: 1, "this symbolic link leads round in a loop",
                              hint: "replace the link with the file itself")
            }
            return .error(display, line: 1, column: 1, "this symbolic link leads to nothing",
                          hint: "replace the link with the file itself, or remove it")
        }
        defer { free(real) }
        let target = String(cString: real)
        guard target != root, !RealPath.contains(root, target) else { return nil }
        return .error(display, line: 1, column: 1, "this symbolic link leads out of \(PathDisplay.display(URL(fileURLWithPath: root))) (to \(target))",
                      hint: "copy the file into the folder instead of linking it: a link that leaves the folder could publish any file of this machine")
    }
}
