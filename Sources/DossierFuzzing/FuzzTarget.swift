import DossierMarkdown

/// What a fuzzer feeds its random bytes to: each target runs one input through a stage of the
/// build the way the build would, in memory, and traps when an invariant the build relies on is
/// broken (a crash is the finding; diagnostics are the normal outcome of bad input).
///
/// The same harness runs under libFuzzer (`dossier-fuzz` built with `-DDOSSIER_FUZZING`) and in
/// the replay of the checked-in corpus and regression inputs, so a crash reproduces either way.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// Splitting and reading the front matter of one file, as an article, an entity and an annotation.
    case frontmatter
    /// The Markdown stage: escaped brackets, cmark's tree read into values, and values rendered back.
    case markdown
    /// `[[id]]` resolution, quote anchoring and Arabic mention linking in a small fixed site.
    case linking

    package func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .frontmatter: FrontMatterFuzzing.run(Array(bytes))
        case .markdown: MarkdownFuzzing.run(bytes)
        case .linking: LinkingFuzzing.run(bytes)
        }
    }

    package func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }

    /// The target named by `DOSSIER_FUZZ_TARGET`, as the fuzzing binary takes it (libFuzzer reads
    /// every argument as a flag or a corpus folder, so the choice cannot be an argument there).
    package static let environmentVariable = "DOSSIER_FUZZ_TARGET"

    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Traps with a message: an invariant is broken, which is a finding like any crash.
func fuzzFailure(_ message: @autoclosure () -> String) -> Never {
    fatalError("fuzz invariant broken: \(message())")
}
