import Foundation
import DossierModel
import DossierLoading

/// Loads the input as each kind of content file, as the loader loads a file it has read.
enum FrontMatterFuzzing {
    /// The loader's folder is never read: only `loadFile` is called.
    static let loader = ContentLoader(contentDirectory: URL(fileURLWithPath: "/nonexistent-fuzz-content"))

    static func run(_ bytes: [UInt8]) {
        // Positions may name the line after the last one (a missing closing `---`), never beyond.
        let lines = lineCount(bytes)
        for kind in ContentLoader.Kind.allCases {
            let (record, diagnostics) = loader.loadFile(bytes, as: kind, id: "fuzz", path: "Content/fuzz/fuzz.md")
            // A file that yields no record must say why, or it would vanish from the site silently.
            if record == nil, !diagnostics.contains(where: { $0.severity == .error }) {
                fuzzFailure("\(kind) file dropped without an error: \(diagnostics)")
            }
            for d in diagnostics {
                if d.line < 0 || d.column < 0 || d.line > lines + 1 {
                    fuzzFailure("\(kind) diagnostic outside the file (\(lines) lines): \(d)")
                }
                _ = d.description
            }
            if let record { checkBody(record, kind) }
        }
    }

    /// Lines as YAML counts them, the most of any convention: a line ends at LF, CRLF, a lone CR,
    /// NEL, LS or PS. (Which of them a diagnostic's line counts is the loader's business; a line
    /// beyond all of them is wrong under any.)
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1, i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: lines += 1
            case 0x0D: lines += 1; if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: lines += 1; i += 1
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                lines += 1; i += 2
            default: break
            }
            i += 1
        }
        return lines
    }

    /// A body is the end of the file's bytes, valid UTF-8 (cmark and the cache rely on it).
    static func checkBody(_ record: any Sendable, _ kind: ContentLoader.Kind) {
        let body: MarkdownSource
        switch record {
        case let a as Article: body = a.markdown
        case let e as Entity: body = e.markdown
        case let n as Annotation: body = n.markdown
        default: fuzzFailure("\(kind) loaded as \(type(of: record))")
        }
        if String(validating: body.utf8, as: UTF8.self) == nil { fuzzFailure("\(kind) body is not valid UTF-8") }
        if body.firstLine < 1 { fuzzFailure("\(kind) body starts on line \(body.firstLine)") }
    }
}
