import Foundation
import Testing
@testable import DossierServe

/// `FolderWatcher`: a change under a watched folder is reported, and `stop` ends the watching thread.
@Suite struct FolderWatcherTests {
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.lock(); value += 1; lock.unlock() }
        var current: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Waits up to `seconds` for `condition`, polling.
    func eventually(_ seconds: Double = 20, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    @Test(arguments: [false, true]) func reportsAChangeAndStopsItsThread(polling: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("entities"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let changes = Count()
        let watcher = FolderWatcher(folders: [folder.path], polling: polling) { changes.add() }
        #expect(watcher.method == (polling ? .polling : .inotify))
        // Polling takes its first snapshot on its own thread: give it a moment before the change.
        if polling { try await Task.sleep(for: .milliseconds(400)) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("entities/russia.md"))
        #expect(try await eventually { changes.current > 0 }, "the change was reported")
        #expect(!watcher.hasStopped)
        watcher.stop()
        #expect(try await eventually { watcher.hasStopped }, "the watching thread ended")
    }
}
