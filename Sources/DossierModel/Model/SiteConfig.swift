/// `Content/site.yml`: the dossier's title, language and interface labels.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var subtitle: String
    /// BCP 47 tag, for example `ar`.
    public var language: String
    /// `rtl` or `ltr`; derived from the language unless set.
    public var direction: String
    /// Absolute URL of the published site, only for sitemap.xml and canonical links.
    public var baseURL: String?
    /// Interface labels, the defaults for the language merged with the editor's overrides.
    public var strings: [String: String]
    /// Lets editors' raw HTML and every URL scheme through cmark. Off unless the site says so.
    public var allowUnsafeHTML: Bool
    /// How many annotations each page of the annotation index lists; 0 lists them all on one page.
    public var annotationsPerPage: Int
    /// Whether the site has its search: the index under `search/`, the search page and the search
    /// box in every page's header. On unless the site says `search: false`.
    public var search: Bool

    /// The default page size of the annotation index.
    public static let defaultAnnotationsPerPage = 50

    public init(title: String, subtitle: String = "", language: String, direction: String? = nil,
                baseURL: String? = nil, strings: [String: String] = [:], allowUnsafeHTML: Bool = false,
                annotationsPerPage: Int = SiteConfig.defaultAnnotationsPerPage, search: Bool = true) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.direction = direction ?? SiteConfig.direction(for: language)
        self.baseURL = baseURL
        self.strings = strings
        self.allowUnsafeHTML = allowUnsafeHTML
        self.annotationsPerPage = annotationsPerPage
        self.search = search
    }

    /// The scripts written right to left, by primary language subtag (and `-Arab` script subtags).
    static let rightToLeftLanguages: Set<String> = ["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]

    public static func direction(for language: String) -> String {
        let parts = language.lowercased().split(separator: "-").map(String.init)
        guard let primary = parts.first else { return "ltr" }
        if parts.contains("arab") || parts.contains("hebr") { return "rtl" }
        if parts.contains("latn") || parts.contains("cyrl") { return "ltr" }
        if primary == "ku" { return "ltr" }
        return rightToLeftLanguages.contains(primary) ? "rtl" : "ltr"
    }
}
