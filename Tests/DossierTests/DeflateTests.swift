import Foundation
import Testing
@testable import DossierSearch

/// The index's compressor (`Deflate`, `HuffmanCode`): every stream it writes is read back by an
/// independent decoder (libdeflate's) to the same bytes, and its codes are ones every decoder takes.
@Suite struct DeflateTests {
    func roundTrip(_ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let stream = Deflate.compress(input)
        #expect(Deflate.decompress(Data(stream), size: input.count + 1) == input, sourceLocation: sourceLocation)
    }

    @Test func emptyAndSingleByteInputsRoundTrip() {
        roundTrip([])
        roundTrip([0])
        roundTrip([255])
        roundTrip([UInt8](repeating: 0x41, count: 10_000))
        roundTrip([1, 2])
    }

    @Test func everyByteValueRoundTrips() {
        var numbers = SeededGenerator(seed: 1)
        roundTrip((0..<100_000).map { _ in UInt8(truncatingIfNeeded: numbers.next()) })
        roundTrip(Array(0...255) + Array((0...255).reversed()))
    }

    @Test func arabicTextInISO88596RoundTripsAndShrinks() {
        // Arabic letters in ISO-8859-6 (U+0621… at 0xC1…), with spaces and punctuation.
        let text = Array("قالت وزارة الخارجية الروسية إن المعاهدة دخلت حيز التنفيذ، وإن التعاون سيتسع. ".unicodeScalars.map { s -> UInt8 in
            s.value >= 0x0621 ? UInt8(s.value - 0x560) : (s.value == 0x060C ? 0xAC : UInt8(s.value))
        })
        var input: [UInt8] = []
        while input.count < 64 * 1024 { input += text }
        roundTrip(input)
        // A code for the letters alone: well under a byte each.
        #expect(Deflate.compress(input).count < input.count * 7 / 10)
    }

    /// Frequencies in a Fibonacci sequence make a Huffman tree as deep as there are symbols: the
    /// lengths must be limited to DEFLATE's 15 bits and still form a complete code.
    @Test func deepTreesAreLimitedAndComplete() {
        var frequencies = [Int](repeating: 0, count: 257)
        var (a, b) = (1, 1)
        for symbol in 0..<30 { frequencies[symbol * 7] = a; (a, b) = (b, a + b) }
        frequencies[256] = 1
        let lengths = HuffmanCode.lengths(frequencies, limit: 15)
        #expect(lengths.max() == 15)
        #expect(kraftSum(lengths, limit: 15) == 1 << 15)
        for symbol in frequencies.indices { #expect((lengths[symbol] > 0) == (frequencies[symbol] > 0)) }
        // The more frequent a symbol, the shorter (or as short) its code.
        let used = frequencies.indices.filter { frequencies[$0] > 0 }
        for x in used { for y in used where frequencies[x] > frequencies[y] { #expect(lengths[x] <= lengths[y]) } }

        // And the stream: bytes drawn with those frequencies.
        var input: [UInt8] = []
        for symbol in 0..<256 where frequencies[symbol] > 0 { input += [UInt8](repeating: UInt8(symbol), count: min(frequencies[symbol], 5_000)) }
        roundTrip(input)
    }

    @Test func codesAreCompleteForFewSymbols() {
        // A lone symbol gets a partner: a code of one symbol would be incomplete.
        let one = HuffmanCode.lengths([0, 0, 5, 0], limit: 7)
        #expect(one.filter { $0 > 0 }.count == 2 && kraftSum(one, limit: 7) == 1 << 7)
        let none = HuffmanCode.lengths([0, 0, 0], limit: 7)
        #expect(kraftSum(none, limit: 7) == 1 << 7)
        // The code-length code's limit, 7 bits, with 19 symbols of very different counts.
        let lengths = HuffmanCode.lengths((0..<19).map { 1 << $0 }, limit: 7)
        #expect(lengths.max() == 7 && kraftSum(lengths, limit: 7) == 1 << 7)
    }

    /// The canonical codes of RFC 1951's example (3.2.2): lengths (3, 3, 3, 3, 3, 2, 4, 4) give
    /// 010, 011, 100, 101, 110, 00, 1110, 1111, here with their bits reversed.
    @Test func canonicalCodesFollowTheRFCsExample() {
        let codes = HuffmanCode.codes([3, 3, 3, 3, 3, 2, 4, 4])
        let expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111]
        let lengths = [3, 3, 3, 3, 3, 2, 4, 4]
        for i in 0..<8 {
            var reversed = 0
            for bit in 0..<lengths[i] where expected[i] & (1 << bit) != 0 { reversed |= 1 << (lengths[i] - 1 - bit) }
            #expect(Int(codes[i]) == reversed)
        }
    }

    /// The documents' base64, six bytes at a time then three, is Foundation's for every length
    /// and every byte value.
    @Test func base64IsFoundationsForEveryLength() {
        var numbers = SeededGenerator(seed: 7)
        for count in 0..<80 {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: numbers.next()) }
            let written = bytes.withUnsafeBufferPointer(JavaScriptLiteral.base64)
            #expect(String(decoding: written, as: UTF8.self) == Data(bytes).base64EncodedString(), "\(count) bytes")
        }
        let all = Array(0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        #expect(String(decoding: all.withUnsafeBufferPointer(JavaScriptLiteral.base64), as: UTF8.self) == Data(all).base64EncodedString())
    }

    func kraftSum(_ lengths: [UInt8], limit: Int) -> Int {
        lengths.filter { $0 > 0 }.reduce(0) { $0 + 1 << (limit - Int($1)) }
    }
}
