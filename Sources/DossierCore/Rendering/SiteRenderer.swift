import Foundation
import Mustache

/// A file of the finished site: its path under the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var data: Data
}

/// Rendering stage: every page through its template, in parallel; then the assets.
public struct SiteRenderer: Sendable {
    let templates: TemplateSet
    let templatesDirectory: URL

    /// The pages of a site, as plain values so they can be rendered on any thread.
    enum Page: Sendable {
        case cover, article(Int), entity(Int), entityIndex, annotationIndex, notFound, sitemap

        var template: String {
            switch self {
            case .cover: return "index"
            case .article: return "article"
            case .entity: return "entity"
            case .entityIndex: return "entities"
            case .annotationIndex: return "annotations"
            case .notFound: return "404"
            case .sitemap: return "sitemap"
            }
        }
    }

    public func render(_ site: LinkedSite) -> ([OutputFile], [Diagnostic]) {
        var pages: [Page] = [.cover, .entityIndex, .annotationIndex, .notFound]
        pages += site.articles.indices.map(Page.article)
        pages += site.entities.indices.map(Page.entity)
        if site.config.baseURL != nil { pages.append(.sitemap) }

        let contexts = PageContext(site: site)
        let diagnostics = templates.lintFields(known: SpecimenSite.fieldNames(config: site.config))
        let library = templates.library
        // Pages render on all cores; each builds its own context, so nothing mutable is shared.
        let rendered: [OutputFile?] = ParallelMap.map(pages) { page in
            let (path, context) = contexts.make(page)
            guard let text = library.render(context, withTemplate: page.template) else { return nil }
            return OutputFile(path: path, data: Data(text.utf8))
        }
        // A page whose template is missing renders as nil; TemplateSet.load has already reported it, once.
        let files = rendered.compactMap { $0 }
        let (assets, assetDiagnostics) = copyAssets()
        return (files + assets, diagnostics + assetDiagnostics)
    }

    static func collectKeys(_ value: Any, into keys: inout Set<String>) {
        if let dictionary = value as? [String: Any] {
            for (k, v) in dictionary {
                keys.insert(k)
                collectKeys(v, into: &keys)
            }
        } else if let dictionary = value as? [String: String] {
            keys.formUnion(dictionary.keys)
        } else if let array = value as? [Any] {
            for v in array { collectKeys(v, into: &keys) }
        }
    }

    /// `Templates/assets/` goes to `assets/` byte for byte.
    func copyAssets() -> ([OutputFile], [Diagnostic]) {
        let directory = templatesDirectory.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return ([], []) }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for case let relative as String in enumerator {
            let url = directory.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
            guard let data = try? Data(contentsOf: url) else {
                diagnostics.append(.error("\(templates.displayRoot)/assets/\(relative)", "cannot read this asset"))
                continue
            }
            files.append(OutputFile(path: "assets/\(relative)", data: data))
        }
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }
}
