import ArgumentParser
import DossierCore
import DossierServe
import Foundation
import DossierModel
import DossierCache

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Builds an RTL-aware briefing dossier from an article, entity notes and annotations.",
        subcommands: [Build.self, Check.self, New.self, Import.self, Serve.self],
        defaultSubcommand: Build.self
    )
}

struct Folders: ParsableArguments {
    @Option(help: "The dossier's content folder.")
    var content = "Content"

    @Option(help: "The templates and assets folder.")
    var templates = "Templates"

    var paths: Pipeline.Paths {
        Pipeline.Paths(content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates))
    }
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var folders: Folders

    @Flag(help: "Print how long each stage took.")
    var timings = false

    @Option(help: "Where the site is written.")
    var output = "Public"

    @Option(help: "The build cache folder (default: .dossier-cache/<output folder name> beside the output folder).")
    var cache: String?

    @Flag(help: "Build from scratch, without reading or writing the build cache.")
    var noCache = false

    @Flag(help: "Write into an output folder that is not empty and that no dossier build wrote (its other files are left alone).")
    var force = false

    func run() async throws {
        let timings = Pipeline.Timings()
        let outputURL = URL(fileURLWithPath: output)
        let cacheDirectory = cache.map { URL(fileURLWithPath: $0) } ?? BuildCache.defaultDirectory(for: outputURL)
        let buildCache = noCache ? nil : timings.measure("cache open") { BuildCache(directory: cacheDirectory) }
        try await Report.run(timings: self.timings ? timings : nil, cache: self.timings ? buildCache : nil) {
            try await Pipeline(paths: folders.paths)
                .build(into: outputURL, timings: timings, cache: buildCache, force: force, waiting: Report.printError)
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load, link and validate everything; write nothing.")

    @OptionGroup var folders: Folders

    @Flag(help: "Print how long each stage took.")
    var timings = false

    @Flag(help: "Also list likely names the linker does not find: near misses of aliases, and repeated phrases no entity names.")
    var suggest = false

    func run() async throws {
        let timings = Pipeline.Timings()
        do {
            try await Report.run(timings: self.timings ? timings : nil) {
                try await Pipeline(paths: folders.paths).check(timings: timings)
            }
        } catch {
            if suggest { printSuggestions() }
            throw error
        }
        if suggest { printSuggestions() }
    }

    func printSuggestions() {
        guard let content = try? EditorContent(contentDirectory: folders.paths.content) else { return }
        let notes = ContentSuggestions.find(in: content)
        for note in notes { Report.printError(note.description) }
        print("\(notes.count) suggestion\(notes.count == 1 ? "" : "s")")
    }
}

/// `dossier new annotation|entity`: a content file with valid front matter, checked first.
struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a new annotation or entity file.",
                                                    subcommands: [NewAnnotationCommand.self, NewEntityCommand.self])
}

struct NewAnnotationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotation",
        abstract: "Write Content/annotations/ID.md for a quote found in the article, with the entities around it.")

    @Argument(help: "The new annotation's id (its file name): lowercase letters, digits and hyphens.")
    var id: String

    @Option(help: "The exact words of the article the note is about.")
    var quote: String

    @Option(help: "The article's id (needed when the dossier has several).")
    var article: String?

    @Option(help: "context, analysis, fact-check or definition (default: context).")
    var kind: String?

    @Option(help: "The dossier's content folder.")
    var content = "Content"

    func run() async throws {
        try Report.edit(content) { try NewAnnotation(id: id, quote: quote, article: article, kind: kind).draft(in: $0) }
    }
}

struct NewEntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Write Content/entities/ID.md, and say how often the articles mention it.")

    @Argument(help: "The new entity's id (its file name): lowercase letters, digits and hyphens.")
    var id: String

    @Option(help: "The name as the dossier shows it.")
    var name: String

    @Option(help: "person, country, organization, place, treaty, event or concept.")
    var kind: String

    @Option(help: "Another form the articles use (repeat for each).")
    var alias: [String] = []

    @Option(help: "The dossier's content folder.")
    var content = "Content"

    func run() async throws {
        try Report.edit(content) { try NewEntity(id: id, name: name, kind: kind, aliases: alias).draft(in: $0) }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make plain-text wire copy into an article: Content/articles/ID.md.")

    @Argument(help: "The wire copy: title on the first line, one paragraph per line, short lines as headings, • highlights, a «source» line.")
    var file: String

    @Option(help: "The article's id (default: made from the file's name).")
    var id: String?

    @Option(help: "The source, when the text does not name it after «عن».")
    var source: String?

    @Option(help: "The dossier's content folder.")
    var content = "Content"

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let display = file
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            Report.printError(Diagnostic.error(display, "cannot read \(display) as UTF-8 text", hint: "check the path; save the file as UTF-8").description)
            throw ExitCode(1)
        }
        try Report.edit(content) { try WireCopyImport(id: id, fileName: file, text: text, source: source).draft(in: $0, from: display) }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the dossier: build it, serve it over HTTP, rebuild on every save and reload the open pages.")

    @OptionGroup var folders: Folders

    @Option(help: "The address to listen on (loopback unless you mean to share the preview).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free one).")
    var port: UInt16 = 8000

    @Option(help: "Serve the site under this sub-path, as it will be published (for example /dossier/).")
    var basePath = "/"

    @Option(help: "Build into this folder (for example Public) instead of a temporary one.")
    var output: String?

    @Flag(help: "Look for changes by polling instead of inotify.")
    var poll = false

    func validate() throws {
        guard PreviewServer.isValidBasePath(basePath) else {
            throw ValidationError("--base-path '\(basePath)' may hold only letters, digits, '-', '_', '.', '~' and '/' (for example /dossier/)")
        }
    }

    func run() async throws {
        let temporary = output == nil ? try Self.temporaryFolder() : nil
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? temporary!.appendingPathComponent("site")
        let cacheURL = output.map { BuildCache.defaultDirectory(for: URL(fileURLWithPath: $0)) } ?? temporary!.appendingPathComponent("cache")
        let server = try PreviewServer(paths: folders.paths, output: outputURL, cache: cacheURL,
                                       options: .init(host: host, port: port, basePath: basePath, polling: poll),
                                       log: { Report.printError($0) })
        let address: String
        do {
            address = try await server.start()
        } catch {
            if let temporary { try? FileManager.default.removeItem(at: temporary) }
            Report.printError("error: cannot serve on \(host):\(port) (\(error))\n    hint: pass another --port, or --port 0 for any free one")
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(Data("serving \(address) (Ctrl-C to stop)\n".utf8))
        // Ctrl-C or a termination ends the preview; a temporary site goes with it.
        let stop = AsyncStream<Void> { continuation in
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig)
                source.setEventHandler { continuation.yield() }
                source.resume()
                Self.signalSources.append(source)
            }
        }
        for await _ in stop { break }
        await server.stop()
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    nonisolated(unsafe) static var signalSources: [any DispatchSourceSignal] = []

    static func temporaryFolder() throws -> URL {
        var template = Array((NSTemporaryDirectory() + "/dossier-serve-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw ExitCode(1) }
        return URL(fileURLWithPath: String(cString: made))
    }
}

/// Prints a build's diagnostics to standard error and turns editors' errors into exit status 1.
enum Report {
    static func run(timings: Pipeline.Timings?, cache: BuildCache? = nil, _ body: () async throws -> BuildSummary) async throws {
        defer {
            if let timings { printError(timings.description) }
            if let cache { printError(cache.summary) }
        }
        do {
            let summary = try await body()
            for d in summary.warnings { printError(d.description) }
            print(summary.description)
        } catch let failure as BuildFailure {
            printError(failure.description)
            throw ExitCode(1)
        }
    }

    /// Runs an editing command: prints its problems and exits 1, or writes the file and prints its path.
    static func edit(_ content: String, _ draft: (EditorContent) throws -> Draft) throws {
        do {
            let loaded = try EditorContent(contentDirectory: URL(fileURLWithPath: content))
            let file = try draft(loaded)
            try loaded.write(file)
            for warning in file.warnings { printError(warning.description) }
            print(file.path)
            for note in file.notes { printError("    " + note) }
        } catch let failure as BuildFailure {
            printError(failure.description)
            throw ExitCode(1)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
