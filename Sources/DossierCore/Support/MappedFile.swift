import Foundation

/// A file mapped read-only into memory: its pages are read from the page cache when first touched,
/// so a large file of which little is used costs little.
///
/// Safe only for files replaced by renaming a new one over them (as `FileReplacement` does): the
/// mapping keeps the old file's contents. A file cut short in place while mapped would fault.
final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    let count: Int

    /// Maps the regular file at `path`; nil when it cannot be opened or mapped. An empty file maps to no bytes.
    init?(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        count = Int(info.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        base = mapped
    }

    deinit {
        if let base { munmap(base, count) }
    }

    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}
