import Testing
@testable import DossierCore
@testable import DossierModel

/// Digests key the build cache: equal inputs must agree and any changed byte must show.
@Suite struct DigestTests {
    static func digest(_ bytes: [UInt8]) -> Digest {
        var d = Digester("test")
        bytes.withUnsafeBytes { d.add(bytes: $0) }
        return d.finish()
    }

    @Test func everyByteOfShortAndLongInputsCounts() {
        for length in [1, 7, 8, 31, 32, 63, 64, 65, 100, 257, 1023, 1024, 1500] {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var seen: Set<Digest> = [Self.digest(base)]
            for position in 0..<length {
                var changed = base
                changed[position] ^= 0x01
                #expect(seen.insert(Self.digest(changed)).inserted, "length \(length), byte \(position)")
            }
        }
    }

    @Test func swappedWordsDiffer() {
        let words: [UInt8] = (0..<64).map { UInt8($0) }
        var swapped = words
        for k in 0..<8 { swapped.swapAt(k, k + 8) }
        #expect(Self.digest(words) != Self.digest(swapped))
        var blocks = words
        for k in 0..<32 { blocks.swapAt(k, k + 32) }
        #expect(Self.digest(words) != Self.digest(blocks))
    }

    /// A run of 1,024 bytes or more enters the digest as its own hash: its length still counts.
    @Test func longAndShortRunsAreTold() {
        let long = [UInt8](repeating: 7, count: 1024), short = [UInt8](repeating: 7, count: 1023)
        var one = Digester("test"), two = Digester("test")
        long.withUnsafeBytes { one.add(bytes: $0) }
        short.withUnsafeBytes { two.add(bytes: $0) }
        [UInt8(7)].withUnsafeBytes { two.add(bytes: $0) }
        #expect(one.finish() != two.finish())
    }

    @Test func fieldsAreDelimited() {
        var ab = Digester("test"), a_b = Digester("test")
        ab.add("ab"); ab.add("")
        a_b.add("a"); a_b.add("b")
        #expect(ab.finish() != a_b.finish())
        var number = Digester("test"), flag = Digester("test")
        number.add(1); flag.add(true)
        #expect(number.finish() != flag.finish())
    }
}
