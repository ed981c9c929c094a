import Foundation

/// Folder creation with the failing folder named, for diagnostics that point at it.
package enum Folders {
    /// Creates the absolute `path` and every missing folder above it. Nil on success; else the
    /// folder that could not be made and why (`ENOTDIR` when a file stands in its place).
    package static func make(_ path: String) -> (path: String, code: Int32)? {
        var partial = ""
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) == 0 { continue }
            let code = errno
            var info = stat()
            if code == EEXIST, stat(partial, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
            return (partial, code == EEXIST ? ENOTDIR : code)
        }
        return nil
    }
}
