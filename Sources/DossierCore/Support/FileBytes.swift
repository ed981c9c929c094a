import Foundation

/// Reads a whole file with plain POSIX calls into bytes: no `URL`, `Data` or bridging on the way,
/// which on thousands of content files and a large build cache was a visible part of loading.
enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read or is not a regular file.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Sized by fstat, then read to the end in case the file grew meanwhile.
        var bytes: [UInt8] = []
        var count = 0
        var capacity = max(Int(info.st_size), 4096)
        while true {
            if bytes.count < capacity { bytes += repeatElement(0, count: capacity - bytes.count) }
            let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + count, capacity - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            count += n
            if count == capacity { capacity *= 2 }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
