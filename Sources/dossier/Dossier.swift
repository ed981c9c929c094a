import ArgumentParser
import DossierCore
import Foundation

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Builds an RTL-aware briefing dossier from an article, entity notes and annotations.",
        subcommands: [Build.self, Check.self],
        defaultSubcommand: Build.self
    )
}

struct Folders: ParsableArguments {
    @Option(help: "The dossier's content folder.")
    var content = "Content"

    @Option(help: "The templates and assets folder.")
    var templates = "Templates"

    @Flag(help: "Print how long each stage took.")
    var timings = false

    var paths: Pipeline.Paths {
        Pipeline.Paths(content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates))
    }
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var folders: Folders

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
        try await Report.run(timings: folders.timings ? timings : nil, cache: folders.timings ? buildCache : nil) {
            try await Pipeline(paths: folders.paths, keepsResultsUntilExit: true)
                .build(into: outputURL, timings: timings, cache: buildCache, force: force, waiting: Report.printError)
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load, link and validate everything; write nothing.")

    @OptionGroup var folders: Folders

    func run() async throws {
        let timings = Pipeline.Timings()
        try await Report.run(timings: folders.timings ? timings : nil) {
            try await Pipeline(paths: folders.paths, keepsResultsUntilExit: true).check(timings: timings)
        }
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

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
