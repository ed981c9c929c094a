import Foundation
import Testing
@testable import DossierCore
@testable import DossierServe

/// `dossier serve` over real HTTP on a loopback port: the files, their types, the 404 page, folders,
/// a sub-path, paths that try to leave the site, the reload script, and rebuilds on a change.
@Suite(.serialized) struct PreviewServerTests {
    /// A preview of a small site on a free port; `body` gets the site and the server's address.
    static func withPreview(basePath: String = "/", breakingFirst: Bool = false,
                            _ body: (InlineSite, String, PreviewServer) async throws -> Void) async throws {
        let site = try InlineSite([
            "annotations/treaty-note.md": breakingFirst ? "---\nquote: [المعاهدة\n---\nنص.\n"
                : "---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة أولى.\n",
        ])
        defer { site.remove() }
        let server = try PreviewServer(paths: .init(content: site.content, templates: site.templates),
                                       output: site.root.appendingPathComponent("preview"), cache: site.root.appendingPathComponent("cache"),
                                       options: .init(host: "127.0.0.1", port: 0, basePath: basePath), log: { _ in })
        let address = try await server.start()
        do {
            try await body(site, address, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func servesPagesAssetsAndTheNotFoundPageWithTheirTypesAndStatus() async throws {
        try await Self.withPreview { site, address, _ in
            let client = try RawHTTP(address)
            let cover = try await client.get("/")
            #expect(cover.status == 200)
            #expect(cover.headers["content-type"] == "text/html; charset=utf-8")
            #expect(cover.body.contains("<script src=\"/__dossier/live.js\" data-site=\"1\"></script></body>"))
            let article = try await client.get("/articles/treaty.html")
            #expect(article.status == 200 && article.body.contains("q-treaty-note"))
            let css = try await client.get("/assets/style.css")
            #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
            let font = try #require(try FileManager.default.contentsOfDirectory(atPath: site.templates.appendingPathComponent("assets/fonts").path)
                .first { $0.hasSuffix(".woff2") })
            let woff2 = try await client.get("/assets/fonts/\(font)")
            #expect(woff2.status == 200 && woff2.headers["content-type"] == "font/woff2")
            let missing = try await client.get("/entities/nobody.html")
            #expect(missing.status == 404)
            #expect(missing.body.contains("<!DOCTYPE html>") && missing.body.contains("__dossier/live.js"), "the site's own 404 page")
            let script = try await client.get("/__dossier/live.js")
            #expect(script.status == 200 && script.body.contains("new WebSocket"))
        }
    }

    @Test func foldersAnswerWithTheirIndexAndGainTheirSlash() async throws {
        try await Self.withPreview { _, address, _ in
            let client = try RawHTTP(address)
            let redirect = try await client.get("/entities")
            #expect(redirect.status == 301 && redirect.headers["location"] == "/entities/")
            let index = try await client.get("/entities/")
            #expect(index.status == 200 && index.body.contains("<h1>"))
        }
    }

    @Test func pathsLeavingTheSiteOrHiddenFilesAreNotServed() async throws {
        try await Self.withPreview { site, address, _ in
            // A file beside the site that a path could try to reach.
            try site.write("secret", to: "secret.txt")
            let client = try RawHTTP(address)
            for path in ["/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/articles/..%2f..%2fsecret.txt",
                         "/.dossier-manifest", "/assets/../../secret.txt"] {
                let response = try await client.get(path)
                #expect(response.status == 404 || response.status == 400, "\(path): \(response.status)")
                #expect(!response.body.contains("secret") || response.body.contains("<!DOCTYPE html>"), "\(path)")
            }
            // A symbolic link inside the site to a file outside it is not followed.
            try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("preview/leak.txt").path,
                                                       withDestinationPath: site.root.appendingPathComponent("secret.txt").path)
            #expect(try await client.get("/leak.txt").status == 404)
        }
    }

    @Test func aSubPathServesTheSiteUnderIt() async throws {
        try await Self.withPreview(basePath: "dossier") { _, address, _ in
            #expect(address.hasSuffix("/dossier/"))
            let client = try RawHTTP(address)
            let cover = try await client.get("/dossier/")
            #expect(cover.status == 200 && cover.body.contains("<script src=\"/dossier/__dossier/live.js\""))
            #expect(try await client.get("/dossier/articles/treaty.html").status == 200)
            #expect(try await client.get("/dossier").headers["location"] == "/dossier/")
            #expect(try await client.get("/articles/treaty.html").status == 404)
        }
    }

    /// A sub-path goes into every served page's script tag and the routes as it is, so only URL-safe
    /// segments are accepted (the command refuses the others before serving).
    @Test(arguments: ["/", "dossier", "/briefings/2024/", "a.b~c_d-e"]) func safeSubPathsAreAccepted(path: String) {
        #expect(PreviewServer.isValidBasePath(path))
    }

    @Test(arguments: ["/a\"><script>", "/ملف/", "/a b/", "/../x", "/a/./b", "/a%22/"]) func unsafeSubPathsAreRefused(path: String) {
        #expect(!PreviewServer.isValidBasePath(path))
    }

    /// A save rebuilds the site; a broken file leaves the last good site served and its error in
    /// the status the pages are sent; the fix clears it.
    @Test func aChangeRebuildsAndAnErrorKeepsTheLastGoodSite() async throws {
        try await Self.withPreview { site, address, server in
            let client = try RawHTTP(address)
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة معدلة.\n", to: "Content/annotations/treaty-note.md")
            try await Self.waitUntil { try await client.get("/articles/treaty.html").body.contains("ملاحظة معدلة") }
            // The files are published before the build ends and the session counts it.
            try await Self.waitUntil { await server.session.status.site >= 2 }
            #expect(await server.session.status.problems.isEmpty)

            try site.write("---\nquote: [المعاهدة\n---\nنص.\n", to: "Content/annotations/treaty-note.md")
            try await Self.waitUntil { await !server.session.status.problems.isEmpty }
            let broken = await server.session.status
            #expect(broken.problems.first?.location.hasSuffix("annotations/treaty-note.md:2:8") == true, "\(broken.problems)")
            #expect(broken.problems.first?.source == "quote: [المعاهدة")
            #expect(try await client.get("/articles/treaty.html").body.contains("ملاحظة معدلة"), "the last good site is still served")
            let status = try await client.get("/__dossier/status")
            #expect(status.headers["content-type"] == "application/json" && status.body.contains("treaty-note.md:2:8"))

            try site.write("---\nquote: \"المعاهدة مع روسيا\"\nentities: [russia]\n---\nملاحظة ثالثة.\n", to: "Content/annotations/treaty-note.md")
            try await Self.waitUntil { await server.session.status.problems.isEmpty }
            try await Self.waitUntil { try await client.get("/articles/treaty.html").body.contains("ملاحظة ثالثة") }
        }
    }

    /// A dossier that does not build at first still gets a page that shows why, and the site once fixed.
    @Test func aFirstBuildThatFailsServesItsErrorsUntilFixed() async throws {
        try await Self.withPreview(breakingFirst: true) { site, address, server in
            let client = try RawHTTP(address)
            let waiting = try await client.get("/")
            #expect(waiting.status == 503 && waiting.body.contains("data-site=\"0\""))
            #expect(await server.session.status.problems.first?.location.hasSuffix("annotations/treaty-note.md:2:8") == true)
            try site.write("---\nquote: \"المعاهدة مع روسيا\"\n---\nنص.\n", to: "Content/annotations/treaty-note.md")
            // The pages are on disk a moment before the session records the build that wrote them.
            try await Self.waitUntil { try await client.get("/").status == 200 }
            try await Self.waitUntil { let status = await server.session.status; return status.site >= 1 && status.problems.isEmpty }
        }
    }

    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the condition did not hold within 20 s")
    }
}

/// A minimal HTTP/1.1 client over a socket, so the tests can send paths exactly as written (URL
/// types remove `..` before sending) and see redirects instead of following them.
struct RawHTTP {
    let port: UInt16

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    init(_ address: String) throws {
        let hostAndPort = address.replacingOccurrences(of: "http://", with: "").split(separator: "/").first ?? ""
        port = UInt16(hostAndPort.split(separator: ":").last ?? "") ?? 0
    }

    /// On a thread of its own: the socket calls block, and the server answers on Swift concurrency's threads.
    func get(_ path: String) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try getNow(path) }) }.start()
        }
    }

    func getNow(_ path: String) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        let (head, body) = text.range(of: "\r\n\r\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: body)
    }
}
