import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small dossier written into a temporary folder: the real templates plus the content a test gives.
struct InlineSite {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }
    var output: URL { root.appendingPathComponent("Public") }

    static let siteYML = "title: ملف تجريبي\nsubtitle: للاختبار\nlanguage: ar\n"

    static let article = """
    ---
    title: "مقال تجريبي"
    source: "«مصدر»"
    ---

    أعلن رئيس كوريا الشمالية أن المعاهدة مع روسيا ترفع العلاقة إلى مستوى جديد.

    ## عنوان عن روسيا

    وقال إن لروسيا دوراً، وإن وروسيا ليست كلمة، وإن الروسية صفة.
    """

    static let russia = """
    ---
    name: روسيا
    kind: country
    name_en: Russia
    ---
    دولة تجاورها [[north-korea]].
    """

    static let northKorea = """
    ---
    name: كوريا الشمالية
    kind: country
    ---
    دولة في شرق آسيا.
    """

    /// Files by path under Content/ (site.yml, articles/x.md, ...); nil values are left out of the defaults.
    init(_ files: [String: String?] = [:], copyTemplates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        var all: [String: String?] = [
            "site.yml": Self.siteYML,
            "articles/treaty.md": Self.article,
            "entities/russia.md": Self.russia,
            "entities/north-korea.md": Self.northKorea,
        ]
        for (k, v) in files { all[k] = v }
        for (path, text) in all {
            guard let text else { continue }
            try write(text, to: "Content/" + path)
        }
        if copyTemplates {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        }
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var pipeline: Pipeline { Pipeline(paths: .init(content: content, templates: templates)) }

    /// Builds; returns the summary or the failure.
    func build() async -> Result<BuildSummary, BuildFailure> {
        do {
            return .success(try await pipeline.build(into: output))
        } catch let failure as BuildFailure {
            return .failure(failure)
        } catch {
            fatalError("unexpected error \(error)")
        }
    }

    /// Builds a first good site into Public/, then applies `change` and builds again, expecting failure;
    /// returns the report and whether Public/ is byte-for-byte what the good build wrote.
    static func failingRebuild(_ change: (InlineSite) throws -> Void, start: [String: String?] = [:]) async throws -> (report: String, publicUnchanged: Bool) {
        let site = try InlineSite(start)
        defer { site.remove() }
        guard case .success = await site.build() else { throw TestSetupError.firstBuildFailed }
        let before = try snapshot(site.output)
        try change(site)
        guard case .failure(let failure) = await site.build() else { throw TestSetupError.secondBuildSucceeded }
        return (failure.description, try snapshot(site.output) == before)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

enum TestSetupError: Error { case firstBuildFailed, secondBuildSucceeded }

/// Builds a good site, applies `change`, and expects the next build to fail with every text of
/// `expected`, a hint, and Public/ left as the good build wrote it.
func expectFailingRebuild(_ expected: [String], start: [String: String?] = [:], _ change: (InlineSite) throws -> Void,
                          sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let (report, unchanged) = try await InlineSite.failingRebuild(change, start: start)
    for text in expected {
        #expect(report.contains(text), "missing «\(text)» in:\n\(report)", sourceLocation: sourceLocation)
    }
    #expect(report.contains("hint:"), sourceLocation: sourceLocation)
    #expect(unchanged, "Public/ changed after a failed build", sourceLocation: sourceLocation)
}

/// Every file under a folder with its bytes (and modification date when asked).
func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    for case let path as String in e {
        let url = folder.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[path] = try Data(contentsOf: url)
        }
    }
    return result
}
