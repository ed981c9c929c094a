// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        // libFuzzer targets when built with -sanitize=fuzzer -DDOSSIER_FUZZING (`make fuzz`);
        // otherwise it replays inputs through the same harness.
        .executable(name: "dossier-fuzz", targets: ["DossierFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev). Only DossierMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "DossierMarkdown", dependencies: ["CCmark"]),
        // xxHash from the system (Debian: libxxhash-dev): XXH3's 128-bit hash is the build cache's digest.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // libdeflate from the system (Debian: libdeflate-dev): the Adler-32 of the search index's compressed
        // documents, and the tests' independent decoder of them.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        .target(name: "ArabicText"),
        // The build, one target per stage, so that the compiler keeps the pipeline one way:
        // Loading → Markdown → Linking → Rendering → Writing, run in that order by DossierCore's
        // Pipeline. A target sees only the targets it lists; what crosses them is `package` or `public`.
        //
        // The records, diagnostics, support code (parallel map, files, paths) and the digest.
        // Sees no stage and not the cache.
        .target(name: "DossierModel", dependencies: ["CXXHash"]),
        // The build cache (archive, entries, page records, the records' archived form): names the
        // model only; sees no stage, so linked values are archived by Linking (LinkCache.swift).
        .target(name: "DossierCache", dependencies: ["DossierModel"]),
        // Loading: Content/ into the model's records. Sees no later stage.
        .target(name: "DossierLoading", dependencies: ["DossierModel", "DossierCache", .product(name: "Yams", package: "Yams")]),
        // The Markdown stage: body limits, bodies into DossierMarkdown values. Sees neither Loading
        // nor any later stage, nor the cache.
        .target(name: "DossierMarkdownStage", dependencies: ["DossierModel", "DossierMarkdown"]),
        // Linking: the loaded site into a LinkedSite. Sees the Markdown stage; not Loading,
        // Rendering or Writing.
        .target(name: "DossierLinking", dependencies: ["DossierModel", "DossierCache", "DossierMarkdownStage", "DossierMarkdown", "ArabicText"]),
        // Rendering: the LinkedSite into OutputFiles through Mustache. Sees Linking; not Loading
        // (it reads no content file) or Writing.
        .target(name: "DossierRendering", dependencies: ["DossierModel", "DossierCache", "DossierLinking", "DossierMarkdown", "ArabicText",
                                                         .product(name: "Mustache", package: "swift-mustache")]),
        // The search index: the LinkedSite into script files beside the pages. Sees Linking; not
        // Loading, Rendering or Writing, and no stage sees it.
        .target(name: "DossierSearch", dependencies: ["DossierModel", "DossierCache", "DossierLinking", "ArabicText", "CDeflate"]),
        // Writing: the model's OutputFiles into the output folder. Sees no other stage.
        .target(name: "DossierWriting", dependencies: ["DossierModel", "DossierCache"]),
        // Pipeline.swift (the stages in order) and the editing commands (Editing/, beside the
        // build): the library the command line, the preview server and the tests import. Sees every
        // stage; nothing below sees it.
        .target(
            name: "DossierCore",
            dependencies: [
                "DossierModel",
                "DossierCache",
                "DossierLoading",
                "DossierMarkdownStage",
                "DossierLinking",
                "DossierRendering",
                "DossierWriting",
                "DossierMarkdown",
                "ArabicText",
                "DossierSearch",
            ]
        ),
        // `dossier serve`: the preview server (FlyingFox: HTTP and WebSockets, no other dependency).
        .target(name: "DossierServe", dependencies: ["DossierCore", "DossierModel", "DossierCache", .product(name: "FlyingFox", package: "FlyingFox")]),
        // mimalloc (Debian: libmimalloc-dev) replaces glibc's malloc for the whole process: a build
        // allocates millions of small strings, arrays and context nodes on both cores at once.
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore",
                "DossierModel",
                "DossierCache",
                "DossierServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // The fuzzing harness: each target runs one input through a stage, in memory; it sees the
        // stages it drives, not DossierCore.
        .target(name: "DossierFuzzing", dependencies: ["DossierModel", "DossierLoading", "DossierMarkdownStage", "DossierLinking", "DossierMarkdown"]),
        .executableTarget(name: "DossierFuzz", dependencies: ["DossierFuzzing"]),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "DossierTests", dependencies: ["DossierCore", "DossierModel", "DossierCache", "DossierLoading", "DossierMarkdownStage",
                                                        "DossierLinking", "DossierRendering", "DossierSearch", "DossierWriting", "DossierMarkdown", "ArabicText",
                                                        "DossierFuzzing", "DossierServe", .product(name: "Mustache", package: "swift-mustache")],
                    exclude: ["Fixtures"]),
    ]
)
