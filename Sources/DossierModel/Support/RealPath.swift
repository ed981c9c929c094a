import Foundation

/// Paths as the file system resolves them (`realpath`), so a symbolic link cannot make one folder
/// pass for another: what `OutputGuard` and `ContainedPath` compare.
package enum RealPath {
    /// Whether `inner` lies strictly inside `outer` (both resolved).
    package static func contains(_ outer: String, _ inner: String) -> Bool {
        inner.hasPrefix(outer == "/" ? "/" : outer + "/") && inner != outer
    }

    /// The path the file system resolves `url` to: symbolic links followed, `.` and `..` taken
    /// away. Of a path that does not exist yet, the longest existing part is resolved and the rest
    /// appended, as the folders will be created there.
    package static func resolved(_ url: URL) -> String {
        var missing: [String] = []
        var path = url.standardizedFileURL.path
        while true {
            if let real = realpath(path, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            let parent = (path as NSString).deletingLastPathComponent
            guard parent != path, !parent.isEmpty else { return url.standardizedFileURL.path }
            missing.append((path as NSString).lastPathComponent)
            path = parent
        }
    }
}
