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
        .target(name: "ArabicText"),
        .target(name: "DossierModel", dependencies: ["CXXHash"]),
        .target(name: "DossierCache", dependencies: ["DossierModel"]),
        .target(name: "DossierLoading", dependencies: ["DossierModel", "DossierCache", .product(name: "Yams", package: "Yams")]),
        .target(name: "DossierMarkdownStage", dependencies: ["DossierModel", "DossierMarkdown"]),
        .target(name: "DossierLinking", dependencies: ["DossierModel", "DossierCache", "DossierMarkdownStage", "DossierMarkdown", "ArabicText"]),
        .target(name: "DossierRendering", dependencies: ["DossierModel", "DossierCache", "DossierLinking", "DossierMarkdown", "ArabicText",
                                                         .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "DossierWriting", dependencies: ["DossierModel", "DossierCache"]),
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
        // The fuzzing harness: each target runs one input through a stage, in memory.
        .target(name: "DossierFuzzing", dependencies: ["DossierModel", "DossierLoading", "DossierMarkdownStage", "DossierLinking", "DossierMarkdown"]),
        .executableTarget(name: "DossierFuzz", dependencies: ["DossierFuzzing"]),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "DossierTests", dependencies: ["DossierCore", "DossierModel", "DossierCache", "DossierLoading", "DossierMarkdownStage", "DossierLinking", "DossierRendering", "DossierWriting", "DossierMarkdown", "ArabicText", "DossierFuzzing", "DossierServe",
                                                        .product(name: "Mustache", package: "swift-mustache")],
                    exclude: ["Fixtures"]),
    ]
)
