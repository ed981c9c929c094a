import Foundation
import DossierModel

/// A loaded content file: its record, or nil when it had errors, and its problems.
struct Loaded<Record: Sendable>: Sendable {
    var record: Record?
    var diagnostics: [Diagnostic]

    init(record: Record?, diagnostics: [Diagnostic]) {
        self.record = record
        self.diagnostics = diagnostics
    }
}
