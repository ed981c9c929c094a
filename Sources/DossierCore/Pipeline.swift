import Foundation
import DossierModel
import DossierCache
import DossierWriting
import DossierLoading
import DossierMarkdownStage
import DossierLinking
import DossierRendering
import DossierSearch

/// What a finished build or check reports.
public struct BuildSummary: Sendable, CustomStringConvertible {
    public var pages: Int
    public var warnings: [Diagnostic]
    public var written: SiteWriter.Result?

    public var description: String {
        var text = "\(pages) files"
        if let written { text += " (\(written.written) written, \(written.unchanged) unchanged, \(written.removed) removed)" }
        let count = warnings.filter { $0.severity == .warning }.count
        if count > 0 { text += ", \(count) warning\(count == 1 ? "" : "s")" }
        return text
    }
}

/// The build, stage by stage: Loading → Markdown → Linking → Rendering (and the search index) → Writing.
/// Every stage runs as far as it can and adds its diagnostics; nothing is written if any is an error.
public struct Pipeline: Sendable {
    public struct Paths: Sendable {
        public var content: URL
        public var templates: URL

        public init(content: URL, templates: URL) {
            self.content = content
            self.templates = templates
        }
    }

    public let paths: Paths

    public init(paths: Paths) {
        self.paths = paths
    }

    /// How long each stage took in the last `render`, for `--timings`.
    public final class Timings: @unchecked Sendable {
        /// Each stage: its wall time and the CPU time (user and system, all threads) the process spent in it.
        public private(set) var stages: [(name: String, wall: Duration, cpu: Duration)] = []
        private let clock = ContinuousClock()

        public init() {}

        public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = clock.now, cpuStart = Self.processCPU()
            defer { stages.append((name, clock.now - start, Self.processCPU() - cpuStart)) }
            return try body()
        }

        /// Lines like `linking: 785.3 ms (CPU 1480.2 ms, 1.9 cores)`.
        public var description: String {
            stages.map { name, wall, cpu in
                let w = Self.milliseconds(wall), c = Self.milliseconds(cpu)
                let cores = w >= 1 ? String(format: ", %.1f cores", c / w) : ""
                return "\(name): \(String(format: "%.1f", w)) ms (CPU \(String(format: "%.1f", c)) ms\(cores))"
            }.joined(separator: "\n")
        }

        static func milliseconds(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        }

        static func processCPU() -> Duration {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func duration(_ t: timeval) -> Duration { .seconds(t.tv_sec) + .microseconds(t.tv_usec) }
            return duration(usage.ru_utime) + duration(usage.ru_stime)
        }
    }

    /// Builds the site in memory and returns its files, or throws every problem found.
    /// With a cache, unchanged results of an earlier build are reused and, given `output`, pages
    /// whose file there is already current come back without bytes (`OutputFile.data` nil).
    /// `searchIndex: false` leaves the search index out (`check`, which writes nothing, has no use for
    /// it), as a site with `search: false` does.
    public func render(timings: Timings = Timings(), cache: BuildCache? = nil, output: URL? = nil,
                       searchIndex: Bool = true) throws -> ([OutputFile], [Diagnostic]) {
        var diagnostics = DiagnosticBag()
        let (loaded, loadDiagnostics) = timings.measure("loading") { ContentLoader(contentDirectory: paths.content, cache: cache).load() }
        diagnostics.add(contentsOf: loadDiagnostics)
        let (templates, templateDiagnostics) = timings.measure("templates") { TemplateSet.load(from: paths.templates) }
        diagnostics.add(contentsOf: templateDiagnostics)
        guard let loaded else { throw BuildFailure(diagnostics: diagnostics.sorted) }

        diagnostics.add(contentsOf: timings.measure("markdown") { MarkdownStage.check(loaded) })
        let (linked, linkDiagnostics) = timings.measure("linking") { Linker.link(loaded, cache: cache) }
        diagnostics.add(contentsOf: linkDiagnostics)
        guard let templates else { throw BuildFailure(diagnostics: diagnostics.sorted) }

        let renderer = SiteRenderer(templates: templates, templatesDirectory: paths.templates)
        // Templates with an error are not rendered: their pages would never be written, and a
        // partial cycle would recurse in swift-mustache until the stack overflows. Their fields are
        // still checked, so one build reports every problem.
        if templateDiagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.add(contentsOf: renderer.lint(linked))
            throw BuildFailure(diagnostics: diagnostics.sorted)
        }
        let (files, renderDiagnostics) = timings.measure("rendering") {
            renderer.render(linked, cache: cache, output: output)
        }
        diagnostics.add(contentsOf: renderDiagnostics)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        let searchFiles = searchIndex && linked.config.search
            ? timings.measure("search index") { SearchIndex.files(for: linked, cache: cache, output: output) } : []
        return (files + searchFiles, diagnostics.sorted)
    }

    /// Builds into `output`. With a cache (see `BuildCache`), reuses what an earlier build into
    /// the same folder left there; the files written are the same as without one. The folder is
    /// locked for the build (`waiting` is told when another build holds it), must be empty or a
    /// Dossier output unless `force`, and receives the site all or nothing (`SiteWriter`).
    ///
    /// A build blocks the thread it runs on (it waits for the folder's lock, reads, renders on all
    /// cores and writes), so it runs on a thread of its own, never on one of the few threads Swift
    /// concurrency runs tasks on: a server or a test awaiting it keeps answering meanwhile.
    public func build(into output: URL, timings: Timings = Timings(), cache: BuildCache? = nil, force: Bool = false,
                      waiting: @escaping @Sendable (String) -> Void = { _ in }) async throws -> BuildSummary {
        try await OwnThread.run { try buildNow(into: output, timings: timings, cache: cache, force: force, waiting: waiting) }
    }

    /// `build`, on the calling thread.
    public func buildNow(into output: URL, timings: Timings = Timings(), cache: BuildCache? = nil, force: Bool = false,
                         waiting: (String) -> Void = { _ in }) throws -> BuildSummary {
        try OutputGuard.check(output, paths: (paths.content, paths.templates), cache: cache?.directory)
        let folder = try OutputFolder.open(output, force: force, waiting: waiting)
        defer { folder.release() }
        let (files, diagnostics) = try render(timings: timings, cache: cache, output: output)
        // The cache's entries are complete once the site is rendered: they are saved while the files
        // are written. The page records follow the files.
        let entries = cache.map { cache in BackgroundWork { try cache.saveEntries() } }
        let written: SiteWriter.Result
        do {
            written = try timings.measure("writing") { try SiteWriter(folder: folder).write(files, cache: cache) }
        } catch {
            _ = entries?.wait()
            throw error
        }
        var warnings = diagnostics
        if !written.leftAlone.isEmpty {
            let count = written.leftAlone.count
            warnings.append(Diagnostic(.note, folder.display, "left alone \(count) file\(count == 1 ? "" : "s") that dossier did not write: \(written.leftAlone.prefix(10).joined(separator: ", "))\(count > 10 ? ", …" : "")",
                                       hint: "a build replaces or removes only the files it wrote (listed in \(SiteManifest.fileName)); this is said once"))
        }
        if let cache, let entries {
            // A cache that cannot be saved costs the next build its speed, never its correctness.
            do {
                try timings.measure("cache") { try cache.savePages(entriesChanged: entries.wait().get()) }
            } catch {
                warnings.append(.warning(PathDisplay.display(cache.directory), "cannot save the build cache (\(error.localizedDescription))",
                                         hint: "the site was written; the next build will start from scratch. Make the folder writable, or pass --cache DIR or --no-cache"))
            }
        }
        return BuildSummary(pages: files.count, warnings: warnings, written: written)
    }

    /// Loads, links and renders without writing; on a thread of its own, as `build`.
    public func check(timings: Timings = Timings()) async throws -> BuildSummary {
        try await OwnThread.run {
            let (files, diagnostics) = try render(timings: timings, searchIndex: false)
            return BuildSummary(pages: files.count, warnings: diagnostics, written: nil)
        }
    }
}

/// Runs blocking work on a new thread and resumes the awaiting task with its result.
enum OwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            // Rendering recurses through templates and Markdown trees: the main thread's stack size.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

