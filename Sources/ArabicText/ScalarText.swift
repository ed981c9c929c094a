/// A string with its Unicode scalars, so scalar ranges (what matching and anchoring count in) can be
/// cut back out as Strings by copying bytes, not by appending scalar after scalar.
public struct ScalarText: Sendable, Hashable {
    public let string: String
    public let scalars: [Unicode.Scalar]
    /// The UTF-8 offset of each scalar, and of the end.
    private let utf8Offsets: [Int]

    public init(_ string: String) {
        var string = string
        string.makeContiguousUTF8()
        self.string = string
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(string.utf8.count)
        offsets.reserveCapacity(string.utf8.count + 1)
        var offset = 0
        for scalar in string.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.utf8Offsets = offsets
    }

    /// The scalars in `range` as a String.
    public func slice(_ range: Range<Int>) -> String {
        let utf8 = string.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: utf8Offsets[range.lowerBound])
        let end = utf8.index(start, offsetBy: utf8Offsets[range.upperBound] - utf8Offsets[range.lowerBound])
        return String(string[start..<end])
    }
}
