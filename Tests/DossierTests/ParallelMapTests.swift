import Foundation
import Testing
@testable import DossierCore
@testable import DossierModel

/// The map every stage runs on all cores.
@Suite struct ParallelMapTests {
    final class Tracked: Sendable {
        let value: Int
        let released: Counter
        init(_ value: Int, released: Counter) {
            self.value = value
            self.released = released
        }
        deinit { released.add() }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    @Test func keepsTheOrderOfItsInput() {
        let input = Array(0..<1000)
        #expect(ParallelMap.map(input) { $0 * 3 } == input.map { $0 * 3 })
        #expect(ParallelMap.map([7]) { $0 + 1 } == [8])
        #expect(ParallelMap.map([Int]()) { $0 }.isEmpty)
    }

    /// Every result is released with the array returned: none is kept (or leaked) by the map.
    @Test func resultsLiveAsLongAsTheArrayReturned() {
        let released = Counter()
        var results: [Tracked]? = ParallelMap.map(Array(0..<500)) { Tracked($0, released: released) }
        #expect(results?.map(\.value) == Array(0..<500))
        #expect(released.value == 0)
        results = nil
        #expect(released.value == 500)
    }

    @Test func splitGivesBothValuesOfEachItemInOrder() {
        let released = Counter()
        var (numbers, tracked): ([Int], [Tracked]?) = ParallelMap.split(Array(0..<300)) { ($0 * 2, Tracked($0, released: released)) }
        #expect(numbers == (0..<300).map { $0 * 2 })
        #expect(tracked?.map(\.value) == Array(0..<300))
        tracked = nil
        #expect(released.value == 300)
        numbers = ParallelMap.split([5]) { ($0, $0) }.0
        #expect(numbers == [5])
        #expect(ParallelMap.split([Int]()) { ($0, $0) }.1.isEmpty)
    }
}
