import Foundation
import Mustache
import DossierModel
import DossierCache
import DossierLinking

/// Rendering stage: every page through its template, in parallel; then the assets.
public struct SiteRenderer: Sendable {
    let templates: TemplateSet
    let templatesDirectory: URL

    package init(templates: TemplateSet, templatesDirectory: URL) {
        self.templates = templates
        self.templatesDirectory = templatesDirectory
    }

    /// The pages of a site, as plain values so they can be rendered on any thread.
    enum Page: Sendable {
        case cover, article(Int), entity(Int), entityIndex, annotationIndex(Int), notFound, search, sitemap, chronology, feed

        var template: String {
            switch self {
            case .cover: return "index"
            case .article: return "article"
            case .entity: return "entity"
            case .entityIndex: return "entities"
            case .annotationIndex: return "annotations"
            case .notFound: return "404"
            case .search: return "search"
            case .sitemap: return "sitemap"
            case .chronology: return "chronology"
            case .feed: return "feed"
            }
        }
    }

    /// Renders every page; with a cache and an output folder, a page whose file there was written
    /// from the same `PageDependencies` digest (templates and inputs) is not rendered again.
    public func render(_ site: LinkedSite, cache: BuildCache? = nil, output: URL? = nil) -> ([OutputFile], [Diagnostic]) {
        let contexts = PageContext(site: site)
        var list: [Page] = [.cover, .entityIndex]
        list += contexts.annotationPages.indices.map(Page.annotationIndex)
        list.append(.notFound)
        if site.config.search { list.append(.search) }
        list += site.articles.indices.map(Page.article)
        list += site.entities.indices.map(Page.entity)
        if !site.events.isEmpty { list.append(.chronology) }
        if site.config.baseURL != nil { list += [.sitemap, .feed] }
        let pages = list

        let diagnostics = lint(site)
        let library = templates.library
        let templateDigest = templates.digest
        let dependencies = cache.map { _ in PageDependencies(site: site, templates: templateDigest) }
        // With a cache, a page whose file is current is skipped before its context is built.
        let outputPath = output?.path
        let digests = ParallelMap.map(pages) { dependencies?.digest($0, site: site, contexts: contexts) }
        let current = ParallelMap.map(Array(pages.indices)) { i -> Bool in
            guard let cache, let outputPath, let digest = digests[i] else { return false }
            return cache.pageIsCurrent(contexts.path(of: pages[i]), digest: digest, output: outputPath)
        }
        // The notes of the annotation index pages to render are built first on all cores, rather than
        // one after another by the thread rendering a page (all of them, when the index is one page).
        let indexNotes = pages.indices.flatMap { i -> [Int] in
            guard case .annotationIndex(let page) = pages[i], !current[i] else { return [] }
            return contexts.annotationPages[page]
        }
        _ = ParallelMap.map(indexNotes) { contexts.note(for: site.annotations[$0], root: "../") }
        // Pages render on all cores; each builds its own context, so nothing mutable is shared.
        let rendered: [OutputFile?] = ParallelMap.map(Array(pages.indices)) { (i: Int) -> OutputFile? in
            let page = pages[i]
            let path = contexts.path(of: page)
            if current[i] {
                return OutputFile(path: path, data: nil, digest: digests[i])
            }
            guard let text = library.render(contexts.make(page), withTemplate: page.template) else { return nil }
            return OutputFile(path: path, contents: .text(text), digest: digests[i])
        }
        // A page whose template is missing renders as nil; TemplateSet.load has already reported it, once.
        let files = rendered.compactMap { $0 }
        let (assets, assetDiagnostics) = copyAssets()
        return (files + assets, diagnostics + assetDiagnostics)
    }

    /// The templates' fields that no page of `site` can provide.
    package func lint(_ site: LinkedSite) -> [Diagnostic] {
        templates.lintFields(known: SpecimenSite.fieldNames(config: site.config))
    }

    static func collectKeys(_ value: Any, into keys: inout Set<String>) {
        if let node = value as? ContextNode {
            for (key, child) in zip(node.keys, node.values) {
                keys.insert(key)
                collectKeys(child, into: &keys)
            }
        } else if let list = value as? [ContextNode] {
            for node in list { collectKeys(node, into: &keys) }
        }
    }

    /// `Templates/assets/` goes to `assets/` byte for byte, but hidden files and symbolic links
    /// that lead out of `Templates/`.
    func copyAssets() -> ([OutputFile], [Diagnostic]) {
        let directory = templatesDirectory.appendingPathComponent("assets").path
        let contained = ContainedPath(templatesDirectory)
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for entry in DirectoryListing.entries(under: directory) where !entry.isDirectory {
            guard !(entry.path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let display = "\(templates.displayRoot)/assets/\(entry.path)"
            if entry.isSymbolicLink, let problem = contained.problem(at: directory + "/" + entry.path, display: display) {
                diagnostics.append(problem)
                continue
            }
            guard let bytes = FileBytes.read(directory + "/" + entry.path) else {
                diagnostics.append(.error(display, "cannot read this asset", hint: "check that it is a readable file"))
                continue
            }
            files.append(OutputFile(path: "assets/\(entry.path)", data: Data(bytes)))
        }
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }
}
