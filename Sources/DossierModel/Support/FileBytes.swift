import Foundation

/// Reads a whole file with plain POSIX calls into bytes: no `URL`, `Data` or bridging on the way,
/// which on thousands of content files and a large build cache was a visible part of loading.
package enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read or is not a regular file.
    package static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Sized by fstat, one byte more, so a file that did not grow meanwhile comes in one read: a
        // read of a regular file that returns fewer bytes than asked for has reached its end (a
        // second read to see it return 0 was a system call per content file). A file that grew
        // fills the buffer and is read on. Nothing is zero-filled first.
        var capacity = Int(info.st_size) + 1
        var bytes: [UInt8] = []
        var count = 0
        while true {
            var failed = false
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                if count > 0 { bytes.withUnsafeBufferPointer { buffer.baseAddress!.update(from: $0.baseAddress!, count: count) } }
                // One read, tried again only when a signal interrupted it before it read anything.
                while true {
                    let n = Foundation.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n >= 0 { count += n } else if errno == EINTR { continue } else { failed = true }
                    break
                }
                initialized = count
            }
            guard !failed else { return nil }
            bytes = grown
            if count < capacity { return bytes }
            capacity *= 2
        }
    }
}
