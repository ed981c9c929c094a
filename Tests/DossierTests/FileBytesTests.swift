import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel
@testable import DossierWriting

/// Whole-file reads: one read when the file is the size `fstat` gave, nil for what is not a file.
@Suite struct FileBytesTests {
    @Test func theFolderOfAPageIsThePathUpToItsLastSlash() {
        #expect(SiteWriter.folder(of: "index.html") == "")
        #expect(SiteWriter.folder(of: "entities/russia.html") == "entities")
        #expect(SiteWriter.folder(of: "assets/fonts/a.woff2") == "assets/fonts")
    }

    @Test func readsFilesOfEverySizeWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bytes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for size in [0, 1, 4095, 4096, 4097, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = root.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(FileBytes.read(path) == bytes, "size \(size)")
        }
        #expect(FileBytes.read(root.path) == nil, "a folder")
        #expect(FileBytes.read(root.appendingPathComponent("missing").path) == nil)
    }
}
