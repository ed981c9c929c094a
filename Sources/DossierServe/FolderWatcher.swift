import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything changes under some folders: through inotify on Linux (every folder watched,
/// new ones as they appear), or, where inotify is missing or refused (too many watches, some network
/// file systems), by comparing each file's size and modification time a few times a second.
final class FolderWatcher: @unchecked Sendable {
    enum Method: String, Sendable { case inotify, polling }

    let folders: [String]
    private(set) var method: Method = .polling
    private let changed: @Sendable () -> Void
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false
    #if os(Linux)
    /// The inotify descriptor, read and closed by the watching thread only.
    private var descriptor: Int32 = -1
    private var watched: [Int32: String] = [:]
    /// A pipe `stop` writes to, so the watching thread, waiting in `poll` on its other end, wakes and ends.
    private var wakeup: (read: Int32, write: Int32) = (-1, -1)
    #endif

    /// `changed` is called on a background thread after each change (often several times per save).
    init(folders: [String], polling: Bool = false, changed: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.changed = changed
        #if os(Linux)
        if !polling, startInotify() { method = .inotify; return }
        #endif
        startPolling()
    }

    /// Ends the watching thread: it wakes, closes what it watched through and returns.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        #if os(Linux)
        if wakeup.write >= 0 {
            var byte: UInt8 = 1
            _ = write(wakeup.write, &byte, 1)
        }
        #endif
    }

    /// Whether the watching thread has returned (after `stop`).
    var hasStopped: Bool { thread?.isFinished ?? true }

    deinit {
        #if os(Linux)
        // The thread holds the watcher while it runs, so it has returned by now.
        if wakeup.read >= 0 { close(wakeup.read); close(wakeup.write) }
        #endif
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    // MARK: inotify

    #if os(Linux)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF)

    private func startInotify() -> Bool {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return false }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { close(fd); return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeup = (ends[0], ends[1])
        descriptor = fd
        for folder in folders {
            guard addWatches(under: folder) else {
                close(fd)
                descriptor = -1
                watched = [:]
                return false
            }
        }
        let thread = Thread { [weak self] in self?.readEvents(fd) }
        thread.name = "dossier watcher"
        thread.start()
        self.thread = thread
        return true
    }

    /// Watches `folder` and every folder inside it; false when the system refuses a watch.
    private func addWatches(under folder: String) -> Bool {
        var pending = [folder]
        while let next = pending.popLast() {
            let wd = inotify_add_watch(descriptor, next, Self.mask)
            if wd < 0 { return errno == ENOENT || errno == ENOTDIR }
            watched[wd] = next
            let children = (try? FileManager.default.contentsOfDirectory(atPath: next)) ?? []
            for child in children {
                var isDirectory: ObjCBool = false
                let path = next + "/" + child
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { pending.append(path) }
            }
        }
        return true
    }

    private func readEvents(_ fd: Int32) {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var waiting = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeup.read, events: Int16(POLLIN), revents: 0)]
        while !isStopped {
            let ready = poll(&waiting, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if waiting[1].revents != 0 { return }
            guard waiting[0].revents & Int16(POLLIN) != 0 else {
                if waiting[0].revents != 0 { return }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count < 0, errno == EINTR { continue }
                return
            }
            var offset = 0
            var newFolders: [String] = []
            buffer.withUnsafeBytes { bytes in
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let eventMask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, length > 0, let parent = watched[wd] {
                        let raw = bytes[nameStart..<(nameStart + length)].prefix { $0 != 0 }
                        newFolders.append(parent + "/" + String(decoding: raw, as: UTF8.self))
                    }
                    offset = nameStart + length
                }
            }
            for folder in newFolders { _ = addWatches(under: folder) }
            changed()
        }
    }
    #endif

    // MARK: Polling

    private func startPolling() {
        method = .polling
        let thread = Thread { [weak self] in
            var last = self?.snapshot() ?? [:]
            while let self, !self.isStopped {
                Thread.sleep(forTimeInterval: 0.3)
                let now = self.snapshot()
                if now != last { last = now; self.changed() }
            }
        }
        thread.name = "dossier watcher"
        thread.start()
        self.thread = thread
    }

    /// Every file under the folders with its size and modification time.
    private func snapshot() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                var info = stat()
                let path = folder + "/" + relative
                guard lstat(path, &info) == 0 else { continue }
                result[path] = [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_mode)]
            }
        }
        return result
    }
}
