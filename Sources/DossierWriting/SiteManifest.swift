import Foundation
import DossierModel

/// The list of files a build wrote into its output folder, kept in the folder as `.dossier-manifest`.
///
/// It is what makes the folder a Dossier output: the next build replaces or removes only the files
/// listed, and leaves everything else (a `CNAME`, `.htaccess`, `robots.txt`, `.well-known/`) alone.
/// Files found in the folder that no build wrote are listed too, once reported, so an editor is
/// told about each of them once. The format is text, one path a line, sorted, so the file is the
/// same for the same site.
package struct SiteManifest: Equatable, Sendable {
    package static let fileName = ".dossier-manifest"
    static let header = "# dossier manifest 1: the files below were written by dossier; the next build replaces or removes only these"
    static let leftAloneHeader = "# left alone: in this folder, not written by dossier"

    var written: Set<String> = []
    var leftAlone: Set<String> = []

    /// The manifest in `folder`, or nil when there is none or it is not Dossier's.
    static func read(in folder: String) -> SiteManifest? {
        guard let bytes = FileBytes.read(folder + "/" + fileName), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard lines.next().map(String.init) == header else { return nil }
        var manifest = SiteManifest()
        var inLeftAlone = false
        while let line = lines.next() {
            if line == leftAloneHeader { inLeftAlone = true; continue }
            guard isSafeRelativePath(line) else { continue }
            if inLeftAlone { manifest.leftAlone.insert(String(line)) } else { manifest.written.insert(String(line)) }
        }
        return manifest
    }

    var text: String {
        var lines = [Self.header] + written.sorted()
        if !leftAlone.isEmpty { lines += [Self.leftAloneHeader] + leftAlone.sorted() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A path the manifest may name: relative, inside the folder, one line. Anything else in a
    /// manifest (edited by hand, or damaged) is ignored, so no build removes a file outside its folder.
    static func isSafeRelativePath<S: StringProtocol>(_ path: S) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\n"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
