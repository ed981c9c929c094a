import Foundation
import DossierModel

/// A system call on the output folder that failed, as an editor's diagnostic: the path, what the
/// system said in words, and what to do about it, never a raw error domain and code.
enum WriteFailure {
    static func diagnostic(_ path: String, doing action: String, errno code: Int32) -> Diagnostic {
        let reason = String(cString: strerror(code)).lowercased()
        let hint: String
        switch code {
        case EACCES, EPERM:
            hint = "make the folder writable for you (chmod u+w), or pass --output with a folder you can write"
        case EROFS:
            hint = "the disk is mounted read-only; pass --output with a folder on another disk"
        case ENOSPC, EDQUOT:
            hint = "free some disk space (or raise your quota) and build again; the previous site was left as it was"
        case ENOTDIR, EEXIST:
            hint = "a file stands where the site needs a folder; move it away, or pass --output with another folder"
        case EISDIR:
            hint = "a folder stands where the site writes a file; move it away, or pass --output with another folder"
        case ELOOP:
            hint = "a symbolic link points back at itself; remove it"
        default:
            hint = "check the disk and the folder's permissions, then build again; the previous site was left as it was"
        }
        return .error(path, "cannot \(action): \(reason)", hint: hint)
    }
}
