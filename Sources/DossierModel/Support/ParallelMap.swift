import Dispatch

/// Maps over an array on all cores, keeping the order of the input.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        // Each result is made in its slot of the array returned, and moved nowhere.
        return [R](unsafeUninitializedCapacity: items.count) { results, initialized in
            let box = ResultBox(results)
            items.withUnsafeBufferPointer { input in
                let inputBox = InputBox(input)
                DispatchQueue.concurrentPerform(iterations: items.count) { i in
                    (box.buffer.baseAddress! + i).initialize(to: transform(inputBox.buffer[i]))
                }
            }
            initialized = items.count
        }
    }

    /// A map whose transform makes two values for each item, returned as two arrays: each value goes
    /// straight to its array, where taking them apart afterwards copied every one.
    package static func split<T: Sendable, A: Sendable, B: Sendable>(_ items: [T], _ transform: @Sendable (T) -> (A, B)) -> ([A], [B]) {
        var second: [B] = []
        let first = [A](unsafeUninitializedCapacity: items.count) { firsts, initialized in
            second = [B](unsafeUninitializedCapacity: items.count) { seconds, initializedSeconds in
                let a = ResultBox(firsts), b = ResultBox(seconds)
                items.withUnsafeBufferPointer { input in
                    let inputBox = InputBox(input)
                    DispatchQueue.concurrentPerform(iterations: items.count) { i in
                        let (x, y) = transform(inputBox.buffer[i])
                        (a.buffer.baseAddress! + i).initialize(to: x)
                        (b.buffer.baseAddress! + i).initialize(to: y)
                    }
                }
                initializedSeconds = items.count
            }
            initialized = items.count
        }
        return (first, second)
    }

    /// Each iteration writes only its own slot, so sharing the buffer across threads is safe.
    private final class ResultBox<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R>
        init(_ buffer: UnsafeMutableBufferPointer<R>) { self.buffer = buffer }
    }

    private final class InputBox<T>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<T>
        init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
    }
}
