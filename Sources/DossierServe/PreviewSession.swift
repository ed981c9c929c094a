import DossierCore
import Foundation
import DossierModel
import DossierCache

/// The preview's builds and what the open pages are told about them.
///
/// `site` counts the builds that published a site; a page knows the number it was served at, and
/// reloads when a later one is announced. `problems` are the last build's diagnostics when it
/// failed (the last good site stays served), empty once a build succeeds again.
actor PreviewSession {
    struct Problem: Codable, Sendable, Equatable {
        var location: String
        var severity: String
        var message: String
        var hint: String
        /// The line of the file the problem points at, when there is one.
        var source: String
        var column: Int
    }

    struct Status: Codable, Sendable, Equatable {
        var site: Int
        var problems: [Problem]
    }

    let pipeline: Pipeline
    let output: URL
    let cache: URL
    private let log: @Sendable (String) -> Void
    private(set) var status = Status(site: 0, problems: [])
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]

    init(pipeline: Pipeline, output: URL, cache: URL, log: @escaping @Sendable (String) -> Void) {
        self.pipeline = pipeline
        self.output = output
        self.cache = cache
        self.log = log
    }

    /// Whether a build is running, and whether another was asked for meanwhile.
    private var building = false
    private var pending = false

    /// Builds into the preview's folder, incrementally, and tells every open page the outcome. One
    /// build at a time: asked during a build, it builds once more when that one ends.
    func build() async {
        if building {
            pending = true
            return
        }
        building = true
        repeat {
            pending = false
            await buildOnce()
        } while pending
        building = false
    }

    private func buildOnce() async {
        let clock = ContinuousClock(), start = clock.now
        do {
            let buildCache = BuildCache(directory: cache)
            let summary = try await pipeline.build(into: output, cache: buildCache)
            for warning in summary.warnings { log(warning.description) }
            let elapsed = clock.now - start
            log("built in \(Self.milliseconds(elapsed)) ms: \(summary)")
            // Open pages reload only when a file changed; a build that changes nothing (a save without
            // an edit, a fix that restores the last good file) only clears the errors shown.
            let changed = (summary.written?.written ?? 0) + (summary.written?.removed ?? 0) > 0
            status = Status(site: status.site + (changed || status.site == 0 ? 1 : 0), problems: [])
        } catch let failure as BuildFailure {
            log(failure.description)
            status = Status(site: status.site, problems: failure.diagnostics.filter { $0.severity == .error }.map(Self.problem))
        } catch {
            log("error: \(error)")
            status = Status(site: status.site, problems: [Problem(location: PathDisplay.display(output), severity: "error",
                                                                  message: "\(error)", hint: "see the terminal running dossier serve", source: "", column: 0)])
        }
        let message = Self.json(status)
        for listener in listeners.values { listener.yield(message) }
    }

    /// A stream of the status as JSON: the current one first, then one after every build.
    func subscribe() -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4))
        continuation.yield(Self.json(status))
        listeners[id] = continuation
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        listeners.removeValue(forKey: id)?.finish()
    }

    func finishAll() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    static func json(_ status: Status) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(status)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func problem(_ d: Diagnostic) -> Problem {
        Problem(location: d.location, severity: d.severity.rawValue, message: d.summary, hint: d.hint ?? "",
                source: sourceLine(path: d.path, line: d.line), column: d.column)
    }

    /// Line `line` (from 1) of the file at `path` (as diagnostics name it: relative to the working
    /// folder, or absolute), or "" when there is none to show.
    static func sourceLine(path: String, line: Int) -> String {
        guard line > 0, let data = FileManager.default.contents(atPath: path), data.count <= 8 << 20 else { return "" }
        var current = 1
        for text in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if current == line {
                var bytes = Array(text)
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            current += 1
        }
        return ""
    }

    static func milliseconds(_ d: Duration) -> Int {
        Int(d.components.seconds * 1000) + Int(d.components.attoseconds / 1_000_000_000_000_000)
    }
}
