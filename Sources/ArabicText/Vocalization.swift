/// The vowel marks and shadda written on each letter of a text, aligned with its normalised scalars.
///
/// Normalising deletes the marks, so «مصر» (Egypt) and «مُصِرّ» (insistent) meet as one word;
/// the marks an editor or a writer did put down tell them apart again. Shadda is part of a word's
/// spelling: a letter written with it is only a letter with it in the name. A vowel on a letter
/// contradicts a different vowel on that letter of the name, but the last letter's vowel is the
/// case ending and says nothing about the word. Unmarked letters agree with anything.
public struct Vocalization: Sendable, Hashable {
    /// Per normalised scalar: `shadda` bit, and in the low bits the vowel (0 when none).
    public let marks: [UInt8]

    static let shadda: UInt8 = 0x80
    static let vowelMask: UInt8 = 0x7F

    public init(marks: [UInt8]) {
        self.marks = marks
    }

    /// The marks of `text`, one entry per normalised scalar (the marks written after it).
    public init(of text: NormalizedText) {
        guard text.scalars.count < text.original.count else {
            marks = Array(repeating: 0, count: text.scalars.count)
            return
        }
        var marks = [UInt8](repeating: 0, count: text.scalars.count)
        let original = text.original
        for i in text.scalars.indices {
            let end = i + 1 < text.origin.count ? text.origin[i + 1] : original.count
            var j = text.origin[i] + 1
            while j < end {
                marks[i] |= Self.code(of: original[j])
                j += 1
            }
        }
        self.marks = marks
    }

    /// Whether `text` holds any vowel mark or shadda at all (most text has none).
    public static func hasMarks(_ text: NormalizedText) -> Bool {
        text.scalars.count < text.original.count && text.original.contains { code(of: $0) != 0 }
    }

    /// The code of a mark: U+064B–U+0650 and U+0652 are the vowels, tanween and sukun; U+0651 is shadda.
    static func code(of scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0x0651: return shadda
        case 0x064B...0x0650: return UInt8(scalar.value - 0x064B + 1)
        case 0x0652: return 7
        default: return 0
        }
    }

    /// Whether the word `text[textWord]`, carrying these marks, may be the name's word whose marks
    /// are `name`: compared letter by letter from the end of both (a proclitic comes before a name).
    public static func agrees(_ text: ArraySlice<UInt8>, with name: [UInt8]) -> Bool {
        var t = text.endIndex - 1, n = name.count - 1
        var isLast = true
        while t >= text.startIndex, n >= 0 {
            let a = text[t], b = name[n]
            if a & shadda != 0, b & shadda == 0 { return false }
            let va = a & vowelMask, vb = b & vowelMask
            if !isLast, va != 0, vb != 0, va != vb { return false }
            isLast = false
            t -= 1
            n -= 1
        }
        return true
    }

    /// Whether two names spelt alike once normalised are told apart by their marks: somewhere one
    /// has shadda and the other a vowel without it, or both have different vowels (not on the last letter).
    public static func distinguishes(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        for (x, y) in zip(a, b) {
            for k in 0..<min(x.count, y.count) {
                let p = x[x.count - 1 - k], q = y[y.count - 1 - k]
                let vp = p & vowelMask, vq = q & vowelMask
                if (p & shadda) != (q & shadda), (p & shadda == 0 ? vp : vq) != 0 { return true }
                if k > 0, vp != 0, vq != 0, vp != vq { return true }
            }
        }
        return false
    }
}
