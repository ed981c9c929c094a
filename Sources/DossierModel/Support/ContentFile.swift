import Foundation

/// A content file read as UTF-8, or the diagnostic that says why it could not be.
package struct ContentFile: Sendable {
    package let path: String
    package let text: String
    /// The same text's UTF-8, as read: a body is a slice of it, not a copy.
    package let bytes: [UInt8]

    init(path: String, text: String, bytes: [UInt8]? = nil) {
        self.path = path
        self.text = text
        self.bytes = bytes ?? Array(text.utf8)
    }

    /// Reads `url`, reporting a file that is not valid UTF-8 at the line and column of its first bad byte.
    package static func read(_ url: URL, displayPath: String) -> Result<ContentFile, Diagnostic> {
        read(path: url.path, displayPath: displayPath)
    }

    static func read(path: String, displayPath: String) -> Result<ContentFile, Diagnostic> {
        readBytes(path: path, displayPath: displayPath).flatMap { decode($0, displayPath: displayPath) }
    }

    /// A file's bytes, without a leading byte-order mark: invisible to editors, it would keep the
    /// front matter from starting at `---`.
    package static func readBytes(path: String, displayPath: String) -> Result<[UInt8], Diagnostic> {
        guard let bytes = FileBytes.read(path) else {
            return .failure(.error(displayPath, "cannot read this file", hint: "check that it exists and is readable"))
        }
        return .success(removingByteOrderMark(bytes))
    }

    package static func removingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return bytes }
        var bytes = bytes
        bytes.removeFirst(3)
        return bytes
    }

    /// Bytes read by `readBytes` as text, or the diagnostic of the first byte that is not UTF-8.
    package static func decode(_ bytes: [UInt8], displayPath: String) -> Result<ContentFile, Diagnostic> {
        if let text = String(validating: bytes, as: UTF8.self) {
            // Valid UTF-8, but a NUL is not text: cmark would turn it into U+FFFD unseen.
            let nul = bytes.withUnsafeBytes { raw -> Int? in
                guard let base = raw.baseAddress else { return nil }
                return memchr(base, 0, raw.count).map { base.distance(to: UnsafeRawPointer($0)) }
            }
            if let nul {
                let (line, column) = position(of: nul, in: bytes)
                return .failure(.error(displayPath, line: line, column: column, "this file holds a NUL character (\\u{0})",
                                       hint: "delete it: it usually comes from a copy out of a binary file or a bad conversion"))
            }
            return .success(ContentFile(path: displayPath, text: text, bytes: bytes))
        }
        let (line, column) = firstInvalidUTF8Position(in: bytes)
        return .failure(.error(displayPath, line: line, column: column, "this file is not valid UTF-8",
                               hint: "save it as UTF-8 (in most editors: 'Save with encoding' → UTF-8)"))
    }

    /// Line and column (counted in characters) of byte `index` of valid UTF-8.
    static func position(of index: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for b in bytes[..<index] where b & 0xC0 != 0x80 {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Line and column (counted in characters) of the first byte that is not part of valid UTF-8.
    static func firstInvalidUTF8Position(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column)
            }
            guard i + length <= bytes.count else { return (line, column) }
            if length > 1, String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return (line, column) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column)
    }
}
