import Foundation
import DossierModel

/// Refuses output and cache folders where a build would destroy or publish an editor's work.
///
/// Paths are compared as the file system resolves them (`realpath`), so a symbolic link named as
/// the output folder cannot lead the build into `Content/`, the home folder or `/`.
package enum OutputGuard {
    package static func check(_ output: URL, paths: (content: URL, templates: URL), cache: URL? = nil) throws {
        let out = RealPath.resolved(output)
        let content = RealPath.resolved(paths.content), templates = RealPath.resolved(paths.templates)
        var problems: [Diagnostic] = []
        if let cache {
            let cachePath = RealPath.resolved(cache)
            // The cache is saved while the site is written into the output folder.
            if cachePath == out || RealPath.contains(out, cachePath) {
                problems.append(.error(PathDisplay.display(cache), "the build cache folder is inside the output folder",
                                       hint: "the cache would be published with the site; leave out --cache (the cache then goes to .dossier-cache/ beside the output folder) or name a folder outside it"))
            }
            for (folder, name) in [(content, "content"), (templates, "templates")] where cachePath == folder || RealPath.contains(folder, cachePath) || RealPath.contains(cachePath, folder) {
                problems.append(.error(PathDisplay.display(cache), "the build cache folder is inside the \(name) folder",
                                       hint: "the cache would be read as \(name) and published (templates' assets are copied into the site); leave out --cache or name a folder outside \(PathDisplay.display(name == "content" ? paths.content : paths.templates))"))
            }
        }
        let home = RealPath.resolved(FileManager.default.homeDirectoryForCurrentUser)
        let cwd = RealPath.resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let protected = [content, templates]
        if out == "/" || out == home || out == cwd || protected.contains(where: { $0 == out || RealPath.contains(out, $0) || RealPath.contains($0, out) }) {
            let target = output.standardizedFileURL.path == out ? "" : " (it leads to \(out))"
            problems.append(.error(PathDisplay.display(output), "refusing to write the site here\(target)",
                                   hint: "the output folder holds the generated site and nothing of yours; choose a folder of its own, such as Public"))
        }
        if !problems.isEmpty { throw BuildFailure(diagnostics: problems) }
    }
}
