import Foundation

/// Lists a folder tree with `readdir`, whose entries already say whether they are folders: the
/// output folder of a large dossier holds thousands of files, and a `FileManager` enumerator plus
/// one `stat` per file to tell files from folders was most of the time a small rebuild spent writing.
package enum DirectoryListing {
    package struct Entry: Equatable, Sendable {
        /// Relative to the listed folder, with `/` between components.
        package var path: String
        /// A folder, or a symbolic link to one (which is listed but not entered).
        package var isDirectory: Bool
        /// A symbolic link (to a file, a folder, or nothing).
        package var isSymbolicLink = false
    }

    /// An entry's name, read in place up to its NUL. Copying `d_name` out as a value would read its
    /// full 256 bytes, past the end of a short entry and, for the last one in a buffer, past mapped
    /// memory.
    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    /// The names in `folder` (not below it), in no particular order; nil when it cannot be read.
    package static func names(in folder: String) -> [String]? {
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = entryName(entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Every file and folder under `root`, in no particular order; empty when `root` cannot be read.
    package static func entries(under root: String) -> [Entry] {
        var result: [Entry] = []
        walk(root, relative: "", into: &result)
        return result
    }

    private static func walk(_ root: String, relative: String, into result: inout [Entry]) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let handle = opendir(folder) else { return }
        defer { closedir(handle) }
        var subfolders: [String] = []
        while let entry = readdir(handle) {
            let name = entryName(entry)
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            switch Int(entry.pointee.d_type) {
            case Int(DT_DIR):
                result.append(Entry(path: path, isDirectory: true))
                subfolders.append(path)
            case Int(DT_REG):
                result.append(Entry(path: path, isDirectory: false))
            default:
                // A link, or a file system that does not fill in the type: ask the file system.
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    result.append(Entry(path: path, isDirectory: true))
                    subfolders.append(path)
                } else {
                    var target = stat()
                    let isFolder = (info.st_mode & S_IFMT) == S_IFLNK && stat(folder + "/" + name, &target) == 0
                        && (target.st_mode & S_IFMT) == S_IFDIR
                    result.append(Entry(path: path, isDirectory: isFolder, isSymbolicLink: (info.st_mode & S_IFMT) == S_IFLNK))
                }
            }
        }
        for subfolder in subfolders { walk(root, relative: subfolder, into: &result) }
    }
}
