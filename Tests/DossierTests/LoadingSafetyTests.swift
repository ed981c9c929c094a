import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierCache
@testable import DossierLoading

/// Files as editors' tools really save them (CRLF, stray control characters, bidi controls) and
/// the positions and wording of what the Loading stage reports about them.
@Suite struct LoadingSafetyTests {
    /// A site with a note and a paragraph over two lines, so line endings reach the quote search.
    static let files: [String: String?] = [
        "articles/treaty.md": InlineSite.article + "\n\nسطر أول من فقرة\nوسطر ثان منها.\n",
        "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\nkind: analysis\n---\nملاحظة عن [[north-korea]].\n\n```\nسطر\nوآخر\n```\n",
    ]

    /// The report of a build expected to fail (every error of it), and its diagnostics.
    func failure(_ files: [String: String?]) async throws -> BuildFailure {
        let site = try InlineSite(files)
        defer { site.remove() }
        guard case .failure(let failure) = await site.build() else { throw TestSetupError.secondBuildSucceeded }
        return failure
    }

    func expectReport(_ files: [String: String?], contains expected: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let report = try await failure(files).description
        for text in expected {
            #expect(report.contains(text), "missing «\(text)» in:\n\(report)", sourceLocation: sourceLocation)
        }
    }

    /// Every file of `files` and of the default site with its line endings replaced.
    static func withLineEndings(_ ending: String) -> [String: String?] {
        var all: [String: String?] = [
            "site.yml": InlineSite.siteYML, "articles/treaty.md": InlineSite.article,
            "entities/russia.md": InlineSite.russia, "entities/north-korea.md": InlineSite.northKorea,
        ]
        for (path, text) in files { all[path] = text }
        return all.mapValues { $0?.replacingOccurrences(of: "\n", with: ending) }
    }

    @Test(arguments: ["\r\n", "\r"])
    func filesWithCRLFOrCRLineEndingsBuildTheSameSiteAsLF(ending: String) async throws {
        let lf = try InlineSite(Self.withLineEndings("\n"))
        let other = try InlineSite(Self.withLineEndings(ending))
        defer { lf.remove(); other.remove() }
        guard case .success = await lf.build() else { throw TestSetupError.firstBuildFailed }
        let result = await other.build()
        if case .failure(let failure) = result { Issue.record("\(failure)") }
        #expect(try snapshot(other.output) == snapshot(lf.output))
    }

    @Test func diagnosticsInACRLFFileKeepTheirLines() async throws {
        let russia = "---\nname: روسيا\nkind: country\nalias: x\n---\n\nجارة [[north-kore]].\n"
        try await expectReport(["entities/russia.md": russia.replacingOccurrences(of: "\n", with: "\r\n")], contains: [
            "Content/entities/russia.md:4:1: error: unknown field 'alias'",
            "Content/entities/russia.md:7:6: error: unknown entity 'north-kore'",
        ])
    }

    // MARK: YAML positions

    /// libyaml finds an unclosed `[` on the next line, where the list should have ended.
    @Test func unclosedListPointsAtItsBracket() async throws {
        try await expectReport(["entities/russia.md": "---\nname: روسيا\naliases: [روسيا, موسكو\nkind: country\n---\nنص.\n"],
                               contains: ["Content/entities/russia.md:3:10: error: YAML syntax error: did not find expected ',' or ']'"])
    }

    @Test func unclosedQuotePointsAtTheQuote() async throws {
        try await expectReport(["entities/russia.md": "---\nname: \"روسيا\nkind: country\n---\nنص.\n"],
                               contains: ["Content/entities/russia.md:2:7: error: YAML syntax error"])
    }

    @Test func duplicateKeysPointAtTheSecondOccurrence() async throws {
        try await expectReport([
            "entities/russia.md": "---\nname: روسيا\nkind: country\nname: روسيا الاتحادية\nsummary: أ\nkind: country\n---\nنص.\n",
            "entities/north-korea.md": "---\nname: كوريا\nkind: country\nsources:\n  - title: أ\n    title: ب\n    url: https://example.org\n---\nنص.\n",
            "site.yml": InlineSite.siteYML + "title: ثان\n",
        ], contains: [
            "Content/entities/russia.md:4:1: error: duplicate key 'name'",
            "Content/entities/russia.md:6:1: error: duplicate key 'kind'",
            "Content/entities/north-korea.md:6:5: error: duplicate key 'title'",
            "Content/site.yml:4:1: error: duplicate key 'title'",
        ])
    }

    // MARK: Invisible characters

    @Test func nulBytePointsAtItsPositionAndIsShownEscaped() async throws {
        let failure = try await failure(["entities/russia.md": "---\nname: روسيا\nkind: country\nsummary: \"أ\0ب\"\n---\nنص.\n"])
        #expect(failure.description.contains("Content/entities/russia.md:4:12: error:"), "\(failure)")
        #expect(failure.description.contains("\\u{0}"), "\(failure)")
        #expect(!failure.description.contains("\0"))
    }

    @Test func quotedValuesShowInvisibleCharactersEscaped() async throws {
        try await expectReport([
            "entities/russia.md": "---\nname: روسيا\nkind: \"country\\u200B\"\n---\nنص.\n",
            "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\nkind: \"ana\\tlysis\\u202E\"\nentities: [\"russia\\u2066\"]\n---\nنص.\n",
        ], contains: [
            "unknown entity kind 'country\\u{200B}'",
            "unknown annotation kind 'ana\\tlysis\\u{202E}'",
            "unknown entity 'russia\\u{2066}' in 'entities'",
        ])
    }

    @Test func visibleEscapesOnlyInvisibleCharacters() {
        #expect(Visible.quoted("روسيا") == "'روسيا'")
        #expect(Visible.quoted("a\u{0}b\tc\u{200B}\u{202E}\u{2069}\u{A0}") == "'a\\u{0}b\\tc\\u{200B}\\u{202E}\\u{2069}\\u{A0}'")
        // Marks are part of the text; a zero-width non-joiner is a format character, shown.
        #expect(Visible.text("مُعاهَدة") == "مُعاهَدة")
        #expect(Visible.text("می\u{200C}خواهم") == "می\\u{200C}خواهم")
    }

    // MARK: Duplicate ids

    @Test func duplicateIDDoesNotHideTheFilesOtherErrors() async throws {
        try await expectReport([
            "annotations/russia.md": "---\nqoute: \"المعاهدة مع روسيا\"\n---\nنص.\n",
            "annotations/north-korea.md": "---\nquote: [المعاهدة\n---\nنص.\n",
        ], contains: [
            "Content/annotations/russia.md:1:1: error: duplicate id 'russia'",
            "Content/annotations/russia.md:2:1: error: unknown field 'qoute'",
            "Content/annotations/north-korea.md:1:1: error: duplicate id 'north-korea'",
            "Content/annotations/north-korea.md:2:8: error: YAML syntax error",
        ])
    }

    // MARK: Hints

    @Test func everyLoadingErrorHasAHint() async throws {
        let failure = try await failure([
            "site.yml": InlineSite.siteYML + "allow_unsafe_html: maybe\nstrings: [a]\n",
            "articles/treaty.md": InlineSite.article.replacingOccurrences(of: "source: ", with: "source_url: javascript:alert(1)\nsource: "),
            "entities/russia.md": "---\nname: روسيا\nkind: country\nsources:\n  - title: أ\n    url: javascript:alert(1)\n---\nنص.\n",
        ])
        #expect(failure.diagnostics.filter { $0.severity == .error }.count == 4, "\(failure)")
        for d in failure.diagnostics {
            #expect(d.hint != nil, "no hint: \(d)")
        }
        #expect(failure.description.contains("Content/articles/treaty.md:3:13: error: source_url must start with https:// or http://"), "\(failure)")
    }

    // MARK: Language tags

    @Test func languageTagsMustBeWellFormedBCP47() async throws {
        try await expectReport([
            "site.yml": "title: ملف\nlanguage: ar_EG\n",
            "articles/treaty.md": InlineSite.article.replacingOccurrences(of: "source: ", with: "lang: arabic-language!\nsource: "),
            "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\nlang: en-\n---\nنص.\n",
        ], contains: [
            "Content/site.yml:2:11: error: 'ar_EG' is not a BCP 47 language tag",
            "Content/articles/treaty.md:3:7: error: 'arabic-language!' is not a BCP 47 language tag",
            "Content/annotations/note.md:3:7: error: 'en-' is not a BCP 47 language tag",
            "hint: a BCP 47 language tag such as ar, en, ar-EG",
        ])
    }

    @Test func languageTagSyntax() {
        for tag in ["ar", "AR", "en", "ar-EG", "ar-eg", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1901", "sl-rozaj-biske",
                    "zh-yue-HK", "ar-aao", "en-US-x-twain", "x-private", "en-a-bbb-x-a-ccc", "i-klingon", "en-GB-oed",
                    "zh-min-nan", "qaa", "abcd", "abcdefgh", "de-1996", "en-u-ca-gregory-nu-arab"] {
            #expect(LanguageTag.isWellFormed(tag), "\(tag) should be well-formed")
        }
        for tag in ["", "a", "ar-", "-ar", "ar--EG", "ar_EG", "ar EG", "abcdefghi", "a1", "123", "ar-EGY1", "ar-a", "ar-a-x-b",
                    "en-US-x-", "x", "عربي", "ar-aao-bbb-ccc-ddd", "abcd-aao", "ar-Latn-Arab", "ar-x-abcdefghi", "en-1"] {
            #expect(!LanguageTag.isWellFormed(tag), "\(tag) should not be well-formed")
        }
    }

    // MARK: Bidi controls

    @Test func bidiControlsInFrontMatterAreWarnedAlsoFromTheCache() async throws {
        let site = try InlineSite(["entities/russia.md": "---\nname: \u{202E}روسيا\nkind: country\naliases: [\"موسكو\\u2067\"]\n---\nنص.\n"])
        defer { site.remove() }
        for round in 0..<2 {
            let cache = BuildCache(directory: site.root.appendingPathComponent("cache"))
            let summary = try await site.pipeline.build(into: site.output, cache: cache)
            try cache.save()
            // The second build takes the entity's loaded file, warnings included, from the cache.
            if round == 1 { #expect(cache.hits > 0 && cache.misses == 0, "hits \(cache.hits), misses \(cache.misses)") }
            let warnings = summary.warnings.map(\.description)
            #expect(warnings.contains { $0.contains("Content/entities/russia.md:2:7: warning: the value of 'name' contains the invisible bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)") && $0.contains("hint: delete it") }, "\(warnings)")
            #expect(warnings.contains { $0.contains("Content/entities/russia.md:4:11: warning: the value of 'aliases' contains the invisible bidi control U+2067 (RIGHT-TO-LEFT ISOLATE)") }, "\(warnings)")
        }
    }
}
