import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// The chronology page: every dated event and entity date in order, grouped by year, with month
/// names in the site's language, linked to where it is recorded and to the entities it names.
@Suite struct ChronologyTests {
    static let russia = """
    ---
    name: روسيا
    kind: country
    name_en: Russia
    date: "1991-12-26"
    summary: "دولة <b>كبرى</b>."
    events:
      - date: "2024-06-19"
        text: "وقّعت روسيا و[[north-korea]] معاهدة في **بيونغ يانغ**. <script>alert(1)</script>"
        sources:
          - title: "مصدر <التوقيع>"
            url: "https://example.org/treaty?a=1&b=2"
      - date: "2024"
        text: "سنة المعاهدة."
      - date: "2024-06"
        text: "شهر المعاهدة."
      - date: "1961-07-06"
        text: "معاهدة 1961 مع كوريا الشمالية."
    ---
    دولة تجاورها [[north-korea]].
    """

    static let northKorea = """
    ---
    name: كوريا الشمالية
    kind: country
    date: "1948-09-09"
    events:
      - date: "2024-06-19"
        text: "استقبلت بيونغ يانغ الوفد."
    ---
    دولة في شرق آسيا.
    """

    static let note = """
    ---
    quote: "المعاهدة مع روسيا"
    entities: [russia]
    events:
      - date: "2024-12-04"
        text: "دخلت المعاهدة حيز التنفيذ."
      - date: "2024-06-19"
        text: "يوم التوقيع في نظر التعليق."
    ---
    ملاحظة.
    """

    static let files: [String: String?] = [
        "entities/russia.md": russia, "entities/north-korea.md": northKorea, "annotations/treaty-note.md": note,
    ]

    /// The dates of the page's events, in page order.
    static func dates(_ html: String) -> [String] {
        html.matches(of: /<time datetime="([^"]+)">/).map { String($0.1) }
    }

    func built(_ files: [String: String?] = ChronologyTests.files) async throws -> (InlineSite, String) {
        let site = try InlineSite(files)
        guard case .success = await site.build() else { site.remove(); throw TestSetupError.firstBuildFailed }
        return (site, try site.read(SiteLayout.chronology))
    }

    @Test func eventsAreInDateOrderPartialDatesFirstWithAFixedTieBreak() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        // 2024 before 2024-06 before 2024-06-19; on one date entities (by id) before notes, and
        // each file's events in the order written.
        #expect(Self.dates(html) == ["1948-09-09", "1961-07-06", "1991-12-26", "2024", "2024-06",
                                     "2024-06-19", "2024-06-19", "2024-06-19", "2024-12-04"])
        let sameDay = html.components(separatedBy: "datetime=\"2024-06-19\"").dropFirst().map { $0.prefix(600) }
        #expect(sameDay[0].contains("استقبلت بيونغ يانغ الوفد"), "north-korea sorts before russia")
        #expect(sameDay[1].contains("وقّعت"))
        #expect(sameDay[2].contains("يوم التوقيع في نظر التعليق"), "notes come after entities")
    }

    @Test func eventsOfAYearShareItsHeading() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        let headings = html.matches(of: /<h2 id="year-(\d+)-heading">(\d+)<\/h2>/).map { String($0.2) }
        #expect(headings == ["1948", "1961", "1991", "2024"])
        let section2024 = try #require(html.components(separatedBy: "<section class=\"chronology-year\" id=\"year-2024\"").last)
        #expect(Self.dates(section2024).count == 6)
        #expect(html.contains("<a href=\"#year-1961\">1961</a>"), "a row of years to jump to")
    }

    @Test func datesReadWithArabicMonthNames() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        #expect(html.contains("<time datetime=\"2024-06-19\">19 يونيو 2024</time>"))
        #expect(html.contains("<time datetime=\"2024-06\">يونيو 2024</time>"))
        #expect(html.contains("<time datetime=\"2024\">2024</time>"))
        #expect(html.contains("<time datetime=\"1961-07-06\">6 يوليو 1961</time>"))
        #expect(html.contains("<time datetime=\"2024-12-04\">4 ديسمبر 2024</time>"))
        let names = (1...12).map { EventDate("2024-\($0 < 10 ? "0" : "")\($0)")!.label(months: InterfaceStrings.arabic) }
        #expect(names == ["يناير 2024", "فبراير 2024", "مارس 2024", "أبريل 2024", "مايو 2024", "يونيو 2024", "يوليو 2024",
                          "أغسطس 2024", "سبتمبر 2024", "أكتوبر 2024", "نوفمبر 2024", "ديسمبر 2024"])
    }

    @Test func anEnglishSiteUsesEnglishMonthNames() async throws {
        var files = Self.files
        files["site.yml"] = "title: A test dossier\nlanguage: en\n"
        let (site, html) = try await built(files)
        defer { site.remove() }
        #expect(html.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(html.contains("<h1>Chronology</h1>"))
        #expect(html.contains("<time datetime=\"2024-06-19\">19 June 2024</time>"))
        #expect(html.contains("<time datetime=\"2024-06\">June 2024</time>"))
    }

    @Test func eachEventLinksWhereItIsRecordedAndTheEntitiesItNames() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        let signing = try #require(html.components(separatedBy: "وقّعت").dropFirst().first).prefix(1500)
        // [[north-korea]] resolved in the text, relative to the page one folder down.
        #expect(html.contains("<a href=\"../entities/north-korea.html\""))
        #expect(signing.contains("<a href=\"../entities/russia.html\"><bdi>روسيا</bdi></a>"), "recorded in Russia's file: \(signing)")
        #expect(signing.contains("class=\"entity-link\" href=\"../entities/north-korea.html\"><bdi>كوريا الشمالية</bdi></a>"))
        // A note's event links to the note in the annotation index and names the entities it lists.
        let entry = try #require(html.components(separatedBy: "دخلت المعاهدة حيز التنفيذ").last).prefix(800)
        #expect(entry.contains("href=\"../annotations/index.html#treaty-note\""), "\(entry)")
        #expect(entry.contains("<bdi>المعاهدة مع روسيا</bdi>"))
        #expect(entry.contains("class=\"entity-link\" href=\"../entities/russia.html\""))
        // Every link on the page leads to a file of the site.
        for match in html.matches(of: /href="(\.\.\/[^"#]+)/) {
            let target = site.output.appendingPathComponent("chronology").appendingPathComponent(String(match.1)).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(match.1)")
        }
        // The navigation of every page leads here.
        #expect(try site.read(SiteLayout.cover).contains("<a href=\"chronology/index.html\">التسلسل الزمني</a>"))
        #expect(try site.read("entities/russia.html").contains("<a href=\"../chronology/index.html\">التسلسل الزمني</a>"))
        #expect(html.contains("<a href=\"../chronology/index.html\" aria-current=\"page\">التسلسل الزمني</a>"))
    }

    @Test func anEntityDateIsARowUnlessAnEventHasThatDate() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        // Russia's 1991 date is shown with its name, summary and the label; North Korea's too.
        let row = try #require(html.components(separatedBy: "<li class=\"event entity-date\">").dropFirst().map { $0.prefix(700) }.last)
        #expect(row.contains("datetime=\"1991-12-26\""))
        #expect(row.contains("<a href=\"../entities/russia.html\"><bdi>روسيا</bdi></a>: دولة &lt;b&gt;كبرى&lt;/b&gt;."))
        #expect(row.contains("<span class=\"tag\">تاريخ الكيان</span> · <span>دولة</span>"))
        #expect(html.components(separatedBy: "class=\"event entity-date\"").count - 1 == 2)
        // An event on the entity's own date replaces the row.
        let moved = Self.russia.replacingOccurrences(of: "date: \"1991-12-26\"", with: "date: \"2024-06-19\"")
        var files = Self.files
        files["entities/russia.md"] = moved
        let (again, page) = try await built(files)
        defer { again.remove() }
        #expect(page.components(separatedBy: "class=\"event entity-date\"").count - 1 == 1)
        #expect(Self.dates(page).filter { $0 == "2024-06-19" }.count == 3)
    }

    @Test func editorsTextIsEscapedAndRenderedSafely() async throws {
        let (site, html) = try await built()
        defer { site.remove() }
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<strong>بيونغ يانغ</strong>"))
        #expect(html.contains("<bdi>مصدر &lt;التوقيع&gt;</bdi>"))
        #expect(html.contains("href=\"https://example.org/treaty?a=1&amp;b=2\""))
    }

    @Test func aSiteWithoutDatesHasNoChronology() async throws {
        let site = try InlineSite()
        defer { site.remove() }
        guard case .success = await site.build() else { throw TestSetupError.firstBuildFailed }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteLayout.chronology).path))
        #expect(!(try site.read(SiteLayout.cover).contains("chronology")))
    }

    @Test func partialDatesSortBeforeTheFullDatesOfTheirPeriod() {
        let dates = ["2024-06-19", "2024", "1999-12-31", "2024-06", "2024-01-01", "2023"].compactMap(EventDate.init)
        #expect(dates.sorted().map { $0.label(months: InterfaceStrings.english) }
                == ["31 December 1999", "2023", "2024", "1 January 2024", "June 2024", "19 June 2024"])
        #expect(EventDate("2024-06")!.timestamp == "2024-06-01T00:00:00Z")
        #expect(EventDate("1147")!.timestamp == "1147-01-01T00:00:00Z")
    }
}
