import Foundation
import DossierModel

/// Refuses output and cache folders where a build would destroy or publish an editor's work.
///
/// Paths are compared as the file system resolves them (`realpath`), so a symbolic link named as
/// the output folder cannot lead the build into `Content/`, the home folder or `/`.
package enum OutputGuard {
    package static func check(_ output: URL, paths: (content: URL, templates: URL), cache: URL? = nil) throws {
        let out = resolved(output)
        let content = resolved(paths.content), templates = resolved(paths.templates)
        var problems: [Diagnostic] = []
        if let cache {
            let cachePath = resolved(cache)
            // The cache is saved while the site is written into the output folder.
            if cachePath == out || contains(out, cachePath) {
                problems.append(.error(PathDisplay.display(cache), "the build cache folder is inside the output folder",
                                       hint: "the cache would be published with the site; leave out --cache (the cache then goes to .dossier-cache/ beside the output folder) or name a folder outside it"))
            }
            for (folder, name) in [(content, "content"), (templates, "templates")] where cachePath == folder || contains(folder, cachePath) || contains(cachePath, folder) {
                problems.append(.error(PathDisplay.display(cache), "the build cache folder is inside the \(name) folder",
                                       hint: "the cache would be read as \(name) and published (templates' assets are copied into the site); leave out --cache or name a folder outside \(PathDisplay.display(name == "content" ? paths.content : paths.templates))"))
            }
        }
        let home = resolved(FileManager.default.homeDirectoryForCurrentUser)
        let cwd = resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let protected = [content, templates]
        if out == "/" || out == home || out == cwd || protected.contains(where: { $0 == out || contains(out, $0) || contains($0, out) }) {
            let target = output.standardizedFileURL.path == out ? "" : " (it leads to \(out))"
            problems.append(.error(PathDisplay.display(output), "refusing to write the site here\(target)",
                                   hint: "the output folder holds the generated site and nothing of yours; choose a folder of its own, such as Public"))
        }
        if !problems.isEmpty { throw BuildFailure(diagnostics: problems) }
    }

    /// Whether `inner` lies strictly inside `outer` (both resolved).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        RealPath.contains(outer, inner)
    }

    /// The path the file system resolves `url` to: symbolic links followed, `.` and `..` taken
    /// away. Of a path that does not exist yet, the longest existing part is resolved and the rest
    /// appended, as the folders will be created there.
    static func resolved(_ url: URL) -> String {
        RealPath.resolved(url)
    }
}
