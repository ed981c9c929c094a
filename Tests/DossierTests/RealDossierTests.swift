import ArabicText
import Foundation
import Testing
@testable import DossierCore

/// The real Content/ built end to end.
@Suite(.serialized) struct RealDossierTests {
    static let content = repositoryRoot.appendingPathComponent("Content")
    static let templates = repositoryRoot.appendingPathComponent("Templates")
    static let committed = repositoryRoot.appendingPathComponent("Public")

    static func freshBuild() async throws -> (URL, BuildSummary) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-real-\(UUID().uuidString)")
        let summary = try await Pipeline(paths: .init(content: content, templates: templates)).build(into: output)
        return (output, summary)
    }

    @Test func checkIsCleanOnTheRealContent() async throws {
        let summary = try await Pipeline(paths: .init(content: Self.content, templates: Self.templates)).check()
        #expect(summary.warnings.isEmpty, "\(summary.warnings.map(\.description).joined(separator: "\n"))")
    }

    @Test func committedPublicEqualsAFreshBuild() async throws {
        let (output, _) = try await Self.freshBuild()
        defer { try? FileManager.default.removeItem(at: output) }
        let fresh = try snapshot(output)
        let committed = try snapshot(Self.committed)
        #expect(Set(fresh.keys) == Set(committed.keys), "run `make site` and commit Public/")
        for (path, data) in fresh where committed[path] != data {
            Issue.record("Public/\(path) differs from a fresh build; run `make site` and commit Public/")
        }
    }

    @Test func twoBuildsGiveTheSameBytes() async throws {
        let (a, _) = try await Self.freshBuild()
        let (b, _) = try await Self.freshBuild()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try snapshot(a) == snapshot(b))
    }

    @Test func everyInternalLinkAndFragmentResolves() throws {
        let pages = try snapshot(Self.committed).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 30)
        var ids: [String: Set<String>] = [:]
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            ids[path] = Set(html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) })
        }
        var broken: [String] = []
        for (path, data) in pages.sorted(by: { $0.key < $1.key }) {
            let html = String(decoding: data, as: UTF8.self)
            for match in html.matches(of: /\s(?:href|src)="([^"]+)"/) {
                let link = String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
                if link.hasPrefix("http://") || link.hasPrefix("https://") { continue }
                #expect(!link.hasPrefix("/"), "\(path): absolute link \(link) breaks under a sub-path")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let base = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
                let target = parts[0].isEmpty ? path : String(URL(fileURLWithPath: parts[0], relativeTo: base).standardizedFileURL.path.dropFirst())
                if !FileManager.default.fileExists(atPath: Self.committed.appendingPathComponent(target).path) {
                    broken.append("\(path): \(link) (no file \(target))")
                } else if parts.count == 2, target.hasSuffix(".html"), !(ids[target]?.contains(parts[1]) ?? false) {
                    broken.append("\(path): \(link) (no id \(parts[1]) in \(target))")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    /// The article page's text, tags removed and entities decoded.
    static func articleText() throws -> String {
        let html = try String(contentsOf: committed.appendingPathComponent("articles/russia-north-korea-treaty.html"), encoding: .utf8)
        let main = html.firstMatch(of: /<article class="article"[\s\S]*?<\/article>/).map { String($0.output) } ?? html
        // Notes are the editors' words, not the article's.
        let withoutNotes = main.replacing(/<div class="notes">[\s\S]*?<\/aside>\n*<\/div>/, with: "")
            .replacing(/<sup class="note-ref"[^>]*>.*?<\/sup>/, with: "")
        return withoutNotes.replacing(/<[^>]+>/, with: "")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func articlePageContainsEverySentenceOfTheSeed() throws {
        let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/DossierTests/Fixtures/seed-article.txt"), encoding: .utf8)
        let text = try Self.articleText()
        var missing: [String] = []
        for line in seed.split(separator: "\n") {
            let line = line.hasPrefix("•") ? String(line.dropFirst()).trimmingCharacters(in: .whitespaces) : String(line)
            // Sentences end at . ؟ or ! followed by a space.
            var sentences: [String] = [], current = ""
            for c in line {
                current.append(c)
                if ".؟!".contains(c) { sentences.append(current); current = "" }
            }
            sentences.append(current)
            for sentence in sentences.map({ $0.trimmingCharacters(in: .whitespaces) }) where !sentence.isEmpty && !text.contains(sentence) {
                missing.append(sentence)
            }
        }
        #expect(missing.isEmpty, "missing from the article page:\n\(missing.joined(separator: "\n"))")
    }

    static let requiredForms: [(String, String)] = [
        ("لروسيا", "russia"), ("وروسيا", "russia"), ("وكوريا الشمالية", "north-korea"),
        // «لكوريا الشمالية» is linked inside the longer name of the nuclear programme.
        ("بالبرنامج النووي لكوريا الشمالية", "north-korea-nuclear-programme"),
        ("وبيونغ يانغ", "pyongyang"), ("لأوكرانيا", "ukraine"), ("واليابان", "japan"), ("الناتو", "nato"),
        ("والولايات المتحدة", "united-states"), ("بروكسل", "brussels"), ("كييف", "kyiv"),
        ("الحرب الروسية في أوكرانيا", "war-in-ukraine"), ("الصراع الدائر في أوكرانيا", "war-in-ukraine"),
    ]

    @Test(arguments: requiredForms)
    func seedFormsLinkTheWholeWordToTheRightPage(form: String, id: String) throws {
        let html = try String(contentsOf: Self.committed.appendingPathComponent("articles/russia-north-korea-treaty.html"), encoding: .utf8)
        let link = "<a href=\"../entities/\(id).html\">\(form)</a>"
        #expect(html.contains(link), "expected \(link)")
        // The link starts at a word boundary: no Arabic letter glued before it.
        for range in html.ranges(of: link) {
            let before = html[..<range.lowerBound].last
            #expect(before.map { !$0.isLetter } ?? true, "a letter before \(link) splits the word")
        }
    }

    @Test func negativesStayUnlinked() throws {
        let html = try String(contentsOf: Self.committed.appendingPathComponent("articles/russia-north-korea-treaty.html"), encoding: .utf8)
        #expect(!html.contains(">الروسية</a>"), "the adjective is not the country")
        #expect(!html.contains(">الروسي</a>"))
        #expect(html.contains("وكوريا الجنوبية") || html.contains(">وكوريا الجنوبية</a>"))
        #expect(!html.contains("north-korea.html\">وكوريا الجنوبية"), "South Korea is not North Korea")
        #expect(!html.contains("<h2><a"), "headings are never linked")
    }

    /// Counts mentions of Russia in the seed independently: every whitespace-separated word that is
    /// روسيا with at most a conjunction and a preposition before it.
    @Test func russiaMentionCountMatchesAnIndependentCount() throws {
        let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/DossierTests/Fixtures/seed-article.txt"), encoding: .utf8)
        let bodyLines = seed.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("•") }
        let words = bodyLines.joined(separator: " ").split(whereSeparator: { $0.isWhitespace || "،؛؟«»().:\"-—".contains($0) })
        let expected = words.filter { $0.wholeMatch(of: /[وف]?[بكل]?روسيا/) != nil }.count
        let page = try String(contentsOf: Self.committed.appendingPathComponent("entities/russia.html"), encoding: .utf8)
        let shown = page.firstMatch(of: /<h2>[^<]*<span class="count">\((\d+)\)<\/span><\/h2>\n<ol>/).map { Int($0.output.1)! }
        #expect(expected > 10)
        #expect(shown == expected)
        let items = page.firstMatch(of: /<section class="mentions">[\s\S]*?<\/section>/).map { $0.output.matches(of: /<li>/).count }
        #expect(items == expected)
    }

    @Test func everyAnnotationIsAnchoredAndShown() throws {
        let html = try String(contentsOf: Self.committed.appendingPathComponent("articles/russia-north-korea-treaty.html"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.content.appendingPathComponent("annotations").path).filter { $0.hasSuffix(".md") }
        #expect(files.count >= 12)
        for file in files {
            let id = String(file.dropLast(3))
            #expect(html.contains("id=\"q-\(id)\""), "no highlight for \(id)")
            #expect(html.contains("id=\"note-\(id)\""), "no note for \(id)")
            #expect(html.contains("href=\"#note-\(id)\""), "no marker for \(id)")
        }
        #expect(html.contains("lang=\"en\" dir=\"ltr\""), "English notes carry their language and direction")
    }

    @Test func everyPageDeclaresLanguageAndDirection() throws {
        for (path, data) in try snapshot(Self.committed) where path.hasSuffix(".html") {
            #expect(String(decoding: data, as: UTF8.self).contains("<html lang=\"ar\" dir=\"rtl\">"), "\(path)")
        }
    }
}
