import Foundation

/// Puts bytes into a file so that no reader ever finds it half-written: an existing file is
/// replaced by writing a temporary file beside it and renaming it over; a file that does not exist
/// yet is created exclusively and written in place (there is nothing to see half-replaced, and it
/// saves the rename, which on a large fresh site is most of the folder work).
///
/// Nothing is flushed to the disk (`fsync`): a site is rebuilt in a second, and the build cache
/// checks the checksum of its page records and of every entry, so a file cut short by a crash is
/// rewritten or ignored, never used.
package enum FileReplacement {
    package static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let fresh = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fresh >= 0 {
            if !writeAll(bytes, to: fresh) {
                unlink(path)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            return
        }
        let temporary = path + ".dossier-tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        if !writeAll(bytes, to: fd) || rename(temporary, path) != 0 {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Writes every byte and closes `fd`; false when either failed.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var offset = 0
        var failed = false
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                break
            }
            offset += n
        }
        return close(fd) == 0 && !failed
    }
}
