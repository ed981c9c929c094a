import Foundation
import Testing

/// `dossier build` killed (SIGKILL) at any moment leaves no half-written page: every file of the
/// output folder is whole, from the previous site or the new one, and the next build finishes the
/// job. Runs the real command on a site large enough to be caught in the middle of writing.
@Suite struct KilledBuildTests {
    static func site() throws -> InlineSite {
        var files: [String: String?] = [:]
        for i in 0..<400 {
            let paragraph = String(repeating: "فقرة طويلة عن الكيان رقم \(i) وعلاقته بروسيا وكوريا الشمالية. ", count: 40)
            files["entities/entity-\(i).md"] = "---\nname: كيان \(i)\nkind: concept\n---\n\(paragraph)\n\n\(paragraph)\n"
        }
        return try InlineSite(files)
    }

    func run(_ arguments: [String], in directory: URL, killAfter delay: Duration? = nil, killWhen condition: (() -> Bool)? = nil) throws -> Int32 {
        guard let binary = CommandLineTests.binary else { throw CommandLineTestError.binaryNotBuilt }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
            kill(process.processIdentifier, SIGKILL)
        }
        if let condition {
            while process.isRunning, !condition() { usleep(200) }
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func setTitle(_ title: String, _ site: InlineSite) throws {
        try site.write(InlineSite.siteYML.replacingOccurrences(of: "ملف تجريبي", with: title), to: "Content/site.yml")
    }

    /// The site's files, without what an interrupted build left in its staging folder.
    func published(_ folder: URL) throws -> [String: Data] {
        try snapshot(folder).filter { !$0.key.hasPrefix(".dossier-staging/") }
    }

    @Test func aKilledBuildLeavesOnlyWholePagesAndTheNextBuildFinishes() throws {
        let site = try Self.site()
        defer { site.remove() }
        // The two sites, built whole for reference.
        var reference: [String: [String: Data]] = [:]
        for title in ["ملف أول", "ملف ثان"] {
            try setTitle(title, site)
            #expect(try run(["build", "--no-cache", "--output", "Ref-\(reference.count)"], in: site.root) == 0)
            reference[title] = try published(site.root.appendingPathComponent("Ref-\(reference.count)"))
        }
        var caught = 0
        for (round, milliseconds) in [20, 60, 120, 180, 250, 330, 420, 520].enumerated() {
            // Half the rounds replace a whole site, half write into an empty folder.
            let fresh = round.isMultiple(of: 2)
            if fresh { try? FileManager.default.removeItem(at: site.output) }
            let before = fresh ? [:] : try published(site.output)
            let title = round.isMultiple(of: 4) || round % 4 == 1 ? "ملف أول" : "ملف ثان"
            try setTitle(title, site)
            let status = try run(["build", "--no-cache"], in: site.root, killAfter: .milliseconds(milliseconds))
            if status != 0 { caught += 1 }
            let after = try published(site.output)
            let new = reference[title]!
            for (path, bytes) in after {
                #expect(bytes == new[path] || bytes == before[path], "round \(round): \(path) is neither the old nor the new file (\(bytes.count) bytes)")
                #expect(!path.hasSuffix(".dossier-tmp"), "round \(round): \(path)")
            }
            // The next build, not killed, publishes exactly the new site.
            #expect(try run(["build", "--no-cache"], in: site.root) == 0)
            #expect(try published(site.output) == new, "round \(round)")
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(".dossier-staging").path))
        }
        #expect(caught > 0, "no build was killed before it finished: the site is too small to test this")
    }

    @Test func aBuildKilledWhileALargeFileAppearsLeavesNoPartOfIt() throws {
        let site = try Self.site()
        defer { site.remove() }
        let size = 64 << 20
        try site.write(Data(repeating: 0x2E, count: size), to: "Templates/assets/large.bin")
        let large = site.output.appendingPathComponent("assets/large.bin").path
        for round in 0..<3 {
            try? FileManager.default.removeItem(at: site.output)
            // Killed the moment the file shows in the site: it must be whole already.
            _ = try run(["build", "--no-cache"], in: site.root, killWhen: { FileManager.default.fileExists(atPath: large) })
            let found = (try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? nil
            #expect(found == nil || found == size, "round \(round): assets/large.bin has \(found ?? 0) of \(size) bytes")
            #expect(try run(["build", "--no-cache"], in: site.root) == 0)
            #expect((try FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) == size)
        }
    }
}
