/// One problem found in an editor's input, printed as `path:line:col: error: summary` with a hint.
///
/// Severity rule: an error when continuing the build is meaningless or would publish something
/// wrong; a warning when only the output is poorer (an entity nobody mentions).
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        /// Something the editor should know once, not a problem (files in the output folder left alone).
        case note
    }

    public var severity: Severity
    /// Path as the editor knows it (relative to the working directory when possible).
    public var path: String
    /// 1-based; 0 when the problem concerns the whole file or folder.
    public var line: Int
    public var column: Int
    public var summary: String
    public var hint: String?

    public init(_ severity: Severity, _ path: String, line: Int = 0, column: Int = 0, _ summary: String, hint: String? = nil) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.summary = summary
        self.hint = hint
    }

    /// The hint is required: every problem an editor can cause says how to fix it.
    public static func error(_ path: String, line: Int = 0, column: Int = 0, _ summary: String, hint: String) -> Diagnostic {
        Diagnostic(.error, path, line: line, column: column, summary, hint: hint)
    }

    public static func warning(_ path: String, line: Int = 0, column: Int = 0, _ summary: String, hint: String) -> Diagnostic {
        Diagnostic(.warning, path, line: line, column: column, summary, hint: hint)
    }

    public var location: String {
        guard line > 0 else { return path }
        return "\(path):\(line):\(max(column, 1))"
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(summary)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Every problem of a build, collected across stages and reported together.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Sorted by file, then position, so reports read top to bottom and are the same every run.
    public var sorted: [Diagnostic] {
        items.sorted { a, b in
            (a.path, a.line, a.column, a.summary) < (b.path, b.line, b.column, b.summary)
        }
    }
}

/// Thrown when a build stops because of editors' errors; carries every diagnostic of the build.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    public var description: String {
        let n = errorCount
        return (diagnostics.map(\.description) + ["\(n) error\(n == 1 ? "" : "s"); nothing was written."]).joined(separator: "\n")
    }
}
