import Foundation
import Testing
@testable import DossierCore

/// Wrong links an Arabic editor would see at once, and the controls that stop the rest.
@Suite struct LinkingPrecisionTests {
    static func entity(_ name: String, kind: String = "country", aliases: [String] = [], exclusions: [String] = []) -> String {
        var text = "---\nname: \(name)\nkind: \(kind)\n"
        if !aliases.isEmpty { text += "aliases: [\(aliases.joined(separator: ", "))]\n" }
        if !exclusions.isEmpty { text += "exclusions: [\(exclusions.joined(separator: ", "))]\n" }
        return text + "---\nنص.\n"
    }

    static func article(_ body: String) -> String {
        "---\ntitle: \"مقال\"\nsource: \"مصدر\"\n---\n\n" + body + "\n"
    }

    /// The article page's links, as (linked text, entity id), in order.
    static func links(_ site: InlineSite, page: String = "articles/treaty.html") throws -> [(String, String)] {
        let html = try site.read(page)
        let article = html.components(separatedBy: "<article").dropFirst().joined()
        var result: [(String, String)] = []
        var rest = article[...]
        while let start = rest.range(of: "<a href=\"../entities/") {
            let after = rest[start.upperBound...]
            guard let quote = after.firstIndex(of: "\""), let close = after.range(of: "</a>") else { break }
            let id = String(after[..<quote]).replacingOccurrences(of: ".html", with: "")
            let inner = after[after.index(after: quote)..<close.lowerBound]
            let text = inner.drop { $0 != ">" }.dropFirst()
            result.append((String(text), id))
            rest = after[close.upperBound...]
        }
        return result
    }

    func build(_ files: [String: String?]) async throws -> InlineSite {
        let site = try InlineSite(files)
        guard case .success = await site.build() else {
            let failure = await site.build()
            site.remove()
            throw TestFailure(description: "build failed: \(failure)")
        }
        return site
    }

    struct TestFailure: Error { var description: String }

    @Test func aWordWrittenWithShaddaOrOtherVowelsIsNotTheName() async throws {
        let site = try await build([
            "entities/egypt.md": Self.entity("مصر"),
            "articles/treaty.md": Self.article("الوفد مصرّ على موقفه.\n\nوالمفاوض مُصِرٌّ على ذلك.\n\nوقالت مصرُ إنها تدعم الحل، وزار الوفد لمصرَ."),
        ])
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.1) == ["egypt"], "\(links)")
        #expect(links.first?.0 == "مصرُ")
    }

    @Test func twoEntitiesSpeltAlikeButForTheirVowelsAreTwo() async throws {
        let site = try await build([
            "entities/oman.md": Self.entity("عُمان"),
            "entities/amman.md": Self.entity("عَمّان", kind: "place"),
            "articles/treaty.md": Self.article("زار الوزير عُمان.\n\nثم زار عَمّان.\n\nوذكر عمان دون تشكيل."),
        ])
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.1) == ["oman", "amman"], "an unvowelled عمان names neither: \(links)")
    }

    @Test func twoEntitiesWithOneUnvowelledSpellingStillClash() async throws {
        let (report, _) = try await InlineSite.failingRebuild { site in
            try site.write(Self.entity("عمان"), to: "Content/entities/oman.md")
            try site.write(Self.entity("عمّان", kind: "place"), to: "Content/entities/amman.md")
        }
        #expect(report.contains("names two entities"), "\(report)")
    }

    @Test func exclusionsTakeTheirWordsFromAShorterName() async throws {
        let site = try await build([
            "entities/saudi-arabia.md": Self.entity("المملكة العربية السعودية", aliases: ["السعودية"], exclusions: ["الخارجية السعودية"]),
            "entities/kim-jong-un.md": Self.entity("كيم جونغ أون", kind: "person", aliases: ["كيم"], exclusions: ["كيم جونغ إيل"]),
            "entities/japan.md": Self.entity("اليابان", exclusions: ["بحر اليابان"]),
            "articles/treaty.md": Self.article("""
            قالت الخارجية السعودية إن الحوار مستمر، والخارجية السعودية لا تعليق لها.

            وأكدت السعودية دعمها.

            وكان والده كيم جونغ إيل قد حكم قبله، ثم خلفه كيم.

            وأطلقت صواريخ في بحر اليابان، وأعلنت اليابان احتجاجها.
            """),
        ])
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.0) == ["السعودية", "كيم", "اليابان"], "\(links)")
        #expect(links.map(\.1) == ["saudi-arabia", "kim-jong-un", "japan"])
        let kim = try site.read("entities/kim-jong-un.html")
        #expect(kim.contains("<span class=\"count\">(1)</span>"), "an excluded phrase is no mention on the entity's page")
        #expect(kim.contains("<mark>كيم</mark>."))
    }

    @Test func anExclusionThatIsAnotherEntitysNameIsAnError() async throws {
        let (report, unchanged) = try await InlineSite.failingRebuild { site in
            try site.write(Self.entity("روسيا", exclusions: ["كوريا الشمالية"]), to: "Content/entities/russia.md")
        }
        #expect(report.contains("'كوريا الشمالية' is listed as never meaning this entity, but it is a name of"), "\(report)")
        #expect(report.contains("hint:"))
        #expect(unchanged)
    }

    @Test func anEditorMarksOneOccurrenceAsNoMention() async throws {
        let site = try await build([
            "entities/burhan.md": Self.entity("عبد الفتاح البرهان", kind: "person", aliases: ["البرهان"]),
            "articles/treaty.md": Self.article("وهذا هو [[!البرهان]] على صحة الرواية.\n\nوقال البرهان إن الجيش صامد."),
        ])
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.0) == ["البرهان"])
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("وهذا هو البرهان على صحة الرواية"), "the marked words are shown as written")
    }

    @Test func abdJoinedOrPartedIsOneName() async throws {
        let site = try await build([
            "entities/burhan.md": Self.entity("عبد الفتاح البرهان", kind: "person"),
            "entities/abdullah.md": Self.entity("عبدالله الثاني", kind: "person"),
            "articles/treaty.md": Self.article("التقى عبدالفتاح البرهان.\n\nثم التقى عبد الله الثاني."),
        ])
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.0) == ["عبدالفتاح البرهان", "عبد الله الثاني"], "\(links)")
    }

    @Test func persianKeyboardLettersMatchTheirArabicForms() async throws {
        let site = try await build([
            "entities/kim-jong-un.md": Self.entity("كيم جونغ أون", kind: "person"),
            "articles/treaty.md": Self.article("وصل کیم جونغ أون إلى موسكو."),
        ])
        defer { site.remove() }
        #expect(try Self.links(site).map(\.1) == ["kim-jong-un"])
    }

    @Test func aNoteParagraphLinksItsFirstMentionEvenAfterAnEarlierWikiLink() async throws {
        let site = try await build([
            "annotations/note.md": "---\nquote: \"المعاهدة مع روسيا\"\n---\nتحدث [[russia]] أولاً.\n\nثم عادت روسيا إلى الموضوع.\n",
        ])
        defer { site.remove() }
        let html = try site.read("articles/treaty.html")
        let note = html.components(separatedBy: "ثم عادت").first.map { String($0.suffix(80)) } ?? ""
        #expect(note.hasSuffix("<p>"), "the second paragraph's روسيا is linked: \(note)")
        #expect(html.contains("<p>ثم عادت <a href=\"../entities/russia.html\">روسيا</a> إلى الموضوع.</p>"))
    }

    // MARK: Names that run over the Markdown's own structure

    static let rsf = ["entities/rsf.md": entity("قوات الدعم السريع", kind: "organization"),
                      "entities/saudi-arabia.md": entity("المملكة العربية السعودية")]

    @Test func aNameBrokenByALineBreakIsLinkedWhole() async throws {
        var files: [String: String?] = Self.rsf
        files["articles/treaty.md"] = Self.article("وهاجمت قوات الدعم\nالسريع مواقع الجيش بدعم من المملكة العربية\nالسعودية كما قيل.")
        let site = try await build(files)
        defer { site.remove() }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<a href=\"../entities/rsf.html\">قوات الدعم\nالسريع</a>"), "\(html)")
        #expect(html.contains("<a href=\"../entities/saudi-arabia.html\">المملكة العربية\nالسعودية</a>"))
    }

    @Test func aNameRunningIntoBoldTextIsLinkedWhole() async throws {
        var files: [String: String?] = Self.rsf
        files["articles/treaty.md"] = Self.article("وقالت **قيادة قوات الدعم** السريع إنها انسحبت.")
        let site = try await build(files)
        defer { site.remove() }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<strong>قيادة </strong><a href=\"../entities/rsf.html\"><strong>قوات الدعم</strong> السريع</a>"), "\(html)")
    }

    @Test func aNoteMarkerNeverSplitsAName() async throws {
        var files: [String: String?] = Self.rsf
        files["articles/treaty.md"] = Self.article("وقد أعلنت قوات الدعم السريع انسحابها من المدينة.")
        files["annotations/note.md"] = "---\nquote: \"وقد أعلنت قوات الدعم\"\n---\nملاحظة.\n"
        let site = try await build(files)
        defer { site.remove() }
        let links = try Self.links(site)
        #expect(links.map(\.1) == ["rsf"], "\(links)")
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<mark class=\"quote\" id=\"q-note\">وقد أعلنت </mark><a href=\"../entities/rsf.html\"><mark class=\"quote\">قوات الدعم</mark> السريع</a><sup class=\"note-ref\""), "\(html)")
    }

    // MARK: check's warnings

    @Test func checkWarnsOfOneWordAliasesThatAreOrdinaryWordsOrAdjectives() async throws {
        let site = try InlineSite([
            "entities/burhan.md": Self.entity("عبد الفتاح البرهان", kind: "person", aliases: ["البرهان"]),
            "entities/saudi-arabia.md": Self.entity("المملكة العربية السعودية", aliases: ["السعودية"]),
            "entities/japan.md": Self.entity("اليابان"),
        ])
        defer { site.remove() }
        let warnings = try await site.pipeline.check().warnings.map(\.description)
        #expect(warnings.contains { $0.contains("burhan.md:4:11:") && $0.contains("'البرهان' is also an ordinary word") && $0.contains("[[!البرهان]]") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("saudi-arabia.md:4:11:") && $0.contains("'السعودية' is also the form of an adjective") }, "\(warnings)")
        #expect(!warnings.contains { $0.contains("japan.md") && $0.contains("ordinary") })
    }

    @Test func anAdjectiveFormWithExclusionsIsNotWarnedAbout() async throws {
        let site = try InlineSite([
            "entities/saudi-arabia.md": Self.entity("المملكة العربية السعودية", aliases: ["السعودية"], exclusions: ["الخارجية السعودية"]),
        ])
        defer { site.remove() }
        let warnings = try await site.pipeline.check().warnings.map(\.description)
        #expect(!warnings.contains { $0.contains("adjective") }, "\(warnings)")
    }

    // MARK: Annotations

    @Test func quotesAnchorInQuotationsAndListItems() async throws {
        let site = try await build([
            "articles/treaty.md": Self.article("مقدمة قصيرة.\n\n> قال المتحدث إن الاتفاق صامد.\n\n- البند الأول عن التعاون\n- البند الثاني عن الدفاع المشترك"),
            "annotations/said.md": "---\nquote: \"الاتفاق صامد\"\n---\nتعليق على التصريح.\n",
            "annotations/defence.md": "---\nquote: \"الدفاع المشترك\"\n---\nتعليق على البند.\n",
        ])
        defer { site.remove() }
        let html = try site.read("articles/treaty.html")
        #expect(html.contains("<blockquote>\n<p>قال المتحدث إن <mark class=\"quote\" id=\"q-said\">الاتفاق صامد</mark><sup class=\"note-ref\" id=\"ref-said\">"), "\(html)")
        #expect(html.contains("<li>البند الثاني عن <mark class=\"quote\" id=\"q-defence\">الدفاع المشترك</mark><sup class=\"note-ref\" id=\"ref-defence\">"), "\(html)")
        #expect(html.contains("id=\"note-said\"") && html.contains("id=\"note-defence\""))
    }

    @Test func aQuoteNotFoundIsReportedWithWhereItDiffers() async throws {
        let (report, _) = try await InlineSite.failingRebuild { site in
            try site.write("---\nquote: \"المعاهدة مع روسيا ترفع العلاقة  إلى\"\n---\nنص.\n", to: "Content/annotations/note.md")
        }
        #expect(report.contains("error: the quote is not in"), "\(report)")
        #expect(report.contains("U+0020 SPACE"), "\(report)")
    }

    // MARK: The entity index

    @Test func theEntityIndexListsEveryEntityUnderItsLetter() async throws {
        let site = try await build([
            "entities/yemen.md": Self.entity("اليمن"),
            "entities/forum.md": Self.entity("مؤتمر الحوار", kind: "event"),
            "entities/wael.md": Self.entity("وائل", kind: "person"),
        ])
        defer { site.remove() }
        let html = try site.read("entities/index.html")
        let nav = html.components(separatedBy: "<nav class=\"letters\"").dropFirst().first?.components(separatedBy: "</nav>").first ?? ""
        let letters = nav.components(separatedBy: "\">").dropFirst(2).compactMap { $0.components(separatedBy: "</a>").first }
        #expect(letters == ["ر", "ك", "م", "و", "ي"], "\(letters)")
        let byLetter = html.components(separatedBy: "class=\"by-letter\"").last ?? ""
        for name in ["روسيا", "كوريا الشمالية", "مؤتمر الحوار", "وائل", "اليمن"] {
            #expect(byLetter.contains("><bdi>\(name)</bdi></a>"), "\(name)")
        }
    }
}
