import Dispatch
import Foundation

/// Work started on another thread, whose outcome is collected with `wait()`.
package final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before it signals `done`; read only after waiting for it.
    private var outcome: Result<T, Error>?

    package init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            self.outcome = Result(catching: work)
            self.done.signal()
        }
    }

    /// Blocks until the work has finished; its value, or the error it threw. Call once.
    package func wait() -> Result<T, Error> {
        done.wait()
        return outcome!
    }
}
