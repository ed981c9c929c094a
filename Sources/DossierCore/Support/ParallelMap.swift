import Dispatch

/// Maps over an array on all cores, keeping the order of the input.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = ResultBox(results)
        items.withUnsafeBufferPointer { input in
            let inputBox = InputBox(input)
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                box.buffer[i] = transform(inputBox.buffer[i])
            }
        }
        return results.map { $0! }
    }

    /// Each iteration writes only its own slot, so sharing the buffer across threads is safe.
    private final class ResultBox<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
    }

    private final class InputBox<T>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<T>
        init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
    }
}
