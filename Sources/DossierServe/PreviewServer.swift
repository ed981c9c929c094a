import DossierCore
import FlyingFox
import FlyingSocks
import Foundation
import DossierModel

/// `dossier serve`: builds the dossier into a folder of its own, serves it over HTTP, rebuilds
/// on every change to the content or the templates, and reloads the open pages (`LiveReload`).
///
/// HTTP is FlyingFox's (requests, responses, WebSockets); this type decides only which file
/// answers a path. The site is read from disk for every request, so a page is always the last
/// build's, and every file is whole: builds switch files in by renaming them (`SiteWriter`).
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: UInt16
        /// The sub-path the site is served under, such as `/` or `/dossier/`.
        public var basePath: String
        /// Poll the folders for changes instead of asking the system (inotify).
        public var polling: Bool

        public init(host: String = "127.0.0.1", port: UInt16 = 8000, basePath: String = "/", polling: Bool = false) {
            self.host = host
            self.port = port
            self.basePath = basePath
            self.polling = polling
        }
    }

    let paths: Pipeline.Paths
    let options: Options
    let prefix: String
    let output: URL
    let session: PreviewSession
    private let server: HTTPServer
    private let log: @Sendable (String) -> Void
    private let changes: AsyncStream<Void>.Continuation
    private let changeStream: AsyncStream<Void>

    /// `output` receives the site and `cache` the build cache; neither is removed when the server stops.
    public init(paths: Pipeline.Paths, output: URL, cache: URL, options: Options, log: @escaping @Sendable (String) -> Void) throws {
        self.paths = paths
        self.options = options
        self.output = output.standardizedFileURL
        self.log = log
        prefix = Self.normalizedPrefix(options.basePath)
        session = PreviewSession(pipeline: Pipeline(paths: paths), output: self.output, cache: cache, log: log)
        let address: any SocketAddress = options.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: options.host, port: options.port)
            : try sockaddr_in.inet(ip4: options.host, port: options.port)
        server = HTTPServer(address: address, logger: .disabled)
        (changeStream, changes) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// `/`, or the base path with one slash at each end.
    /// Whether `path` can be served under as it is: its segments are made of URL-safe letters only
    /// (ASCII letters, digits, `-`, `_`, `.`, `~`) and none is `.` or `..`, so the prefix needs no
    /// encoding in a request's path and no escaping in the page's script tag.
    public static func isValidBasePath(_ path: String) -> Bool {
        path.split(separator: "/").allSatisfy { segment in
            segment != "." && segment != ".." && segment.unicodeScalars.allSatisfy { s in
                s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "-_.~".unicodeScalars.contains(s))
            }
        }
    }

    static func normalizedPrefix(_ path: String) -> String {
        let trimmed = path.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/\(trimmed)/"
    }

    /// Builds once, starts serving and watching, and returns the address pages are served at.
    public func start() async throws -> String {
        await session.build()
        let handler = PreviewHandler(root: output.path, prefix: prefix, session: session)
        await server.appendRoute(HTTPRoute(method: .GET, path: prefix + "__dossier/live"), to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveMessages(session: session))))
        await server.appendRoute("*", to: handler)
        let running = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 5)
        } catch {
            running.cancel()
            throw error
        }
        let watcher = FolderWatcher(folders: [paths.content.path, paths.templates.path], polling: options.polling) { [changes] in changes.yield() }
        Task { [changeStream, session] in
            // Several events arrive for one save; builds run one after another, and a change during a
            // build makes one more.
            for await _ in changeStream {
                try? await Task.sleep(for: .milliseconds(60))
                await session.build()
            }
            watcher.stop()
        }
        log("watching \(PathDisplay.display(paths.content)) and \(PathDisplay.display(paths.templates)) (\(watcher.method.rawValue))")
        return "http://\(hostForURL):\(await port)\(prefix)"
    }

    /// The port listened on (the one asked for, or the system's choice for port 0).
    public var port: UInt16 {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: return port
            default: return options.port
            }
        }
    }

    private var hostForURL: String { options.host.contains(":") ? "[\(options.host)]" : options.host }

    public func stop() async {
        changes.finish()
        await session.finishAll()
        await server.stop(timeout: 1)
    }
}

/// Answers every request but the WebSocket's: the reload script, the status, and the site's files.
struct PreviewHandler: HTTPHandler {
    let root: String
    let prefix: String
    let session: PreviewSession

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "only GET and HEAD", headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        // FlyingFox gives the path decoded and without dot segments, and without a final slash,
        // which tells a folder's address from its index.
        let slash = request.target.path().hasSuffix("/") && !request.path.hasSuffix("/")
        let path = request.path + (slash ? "/" : "")
        if path == String(prefix.dropLast()) { return Self.redirect(to: prefix) }
        guard path.hasPrefix(prefix) else { return Self.text(.notFound, "not found: the site is served under \(prefix)") }
        let relative = String(path.dropFirst(prefix.count))
        switch relative {
        case "__dossier/live.js":
            return HTTPResponse(statusCode: .ok, headers: Self.headers("application/javascript"), body: Data(LiveReload.script.utf8))
        case "__dossier/status":
            return HTTPResponse(statusCode: .ok, headers: Self.headers("application/json"), body: Data(PreviewSession.json(await session.status).utf8))
        default:
            break
        }
        switch Self.resolve(relative, under: root) {
        case .file(let file):
            return try await serve(file, status: .ok)
        case .folderWithoutSlash:
            return Self.redirect(to: path + "/")
        case .notFound:
            let page = root + "/" + SiteLayout.notFound
            if FileManager.default.fileExists(atPath: page) { return try await serve(page, status: .notFound) }
            // No site yet: the first build failed. A page that shows its errors and loads the site
            // once a build succeeds.
            if await session.status.site == 0 {
                let html = "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n<title>dossier serve</title>\n</head>\n<body>\n<p>The dossier has not built yet.</p>\n</body>\n</html>\n"
                let data = Self.inject(LiveReload.tag(prefix: prefix, site: 0), into: Data(html.utf8))
                return HTTPResponse(statusCode: .serviceUnavailable, headers: Self.headers("text/html; charset=utf-8"), body: data)
            }
            return Self.text(.notFound, "not found")
        }
    }

    enum Resolution: Equatable {
        case file(String)
        case folderWithoutSlash
        case notFound
    }

    /// The file under `root` that answers `relative` (the request's path after the prefix, already
    /// decoded): no `..`, no hidden file or folder (`.dossier-manifest`, the staging folder), nothing
    /// a symbolic link leads to outside `root`; a folder answers with its `index.html`.
    static func resolve(_ relative: String, under root: String) -> Resolution {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0.hasPrefix(".") || $0.contains("\0") || $0.contains("\\") }) else { return .notFound }
        var file = root + (parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            if !relative.isEmpty, !relative.hasSuffix("/") { return .folderWithoutSlash }
            file += "/index.html"
        }
        guard let real = realPath(file), let realRoot = realPath(root), real.hasPrefix(realRoot + "/") else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(real)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func serve(_ file: String, status: HTTPStatusCode) async throws -> HTTPResponse {
        guard var data = FileManager.default.contents(atPath: file) else { return Self.text(.notFound, "not found") }
        let type = ContentTypes.of(file)
        if type.hasPrefix("text/html") {
            data = Self.inject(LiveReload.tag(prefix: prefix, site: await session.status.site), into: data)
        }
        return HTTPResponse(statusCode: status, headers: Self.headers(type), body: data)
    }

    /// `tag` before the last `</body>`, or at the end of a page without one.
    static func inject(_ tag: String, into page: Data) -> Data {
        let closing = Data("</body>".utf8)
        guard let range = page.range(of: closing, options: .backwards) else { return page + Data(tag.utf8) }
        var result = page
        result.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(tag.utf8))
        return result
    }

    static func headers(_ type: String) -> HTTPHeaders {
        // A preview is never cached: every load shows the last build.
        [.contentType: type, HTTPHeader("Cache-Control"): "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
    }

    static func text(_ status: HTTPStatusCode, _ text: String, headers extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = Self.headers("text/plain; charset=utf-8")
        for (key, value) in extra { headers[key] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: Data((text + "\n").utf8))
    }

    static func redirect(to location: String) -> HTTPResponse {
        var headers = Self.headers("text/plain; charset=utf-8")
        headers[.location] = location
        return HTTPResponse(statusCode: .movedPermanently, headers: headers, body: Data())
    }
}

/// The WebSocket of each open page: the build status as JSON, now and after every build.
struct LiveMessages: WSMessageHandler {
    let session: PreviewSession

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (id, updates) = await session.subscribe()
        let (messages, continuation) = AsyncStream<WSMessage>.makeStream()
        let forward = Task {
            for await text in updates { continuation.yield(.text(text)) }
            continuation.finish()
        }
        // The page went away (closed, reloaded): stop telling it.
        let listen = Task { [session] in
            for await _ in client {}
            forward.cancel()
            continuation.finish()
            await session.unsubscribe(id)
        }
        continuation.onTermination = { _ in
            forward.cancel()
            listen.cancel()
            Task { await session.unsubscribe(id) }
        }
        return messages
    }
}
