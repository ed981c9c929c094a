/// The syntax of BCP 47 language tags (RFC 5646, section 2.1), without the subtag registry: a
/// `lang` value ends up in `lang` attributes, where browsers, screen readers and fonts read it, so
/// `ar_EG` or `arabic!` is refused while an unregistered but well-formed `ar-XY` passes.
enum LanguageTag {
    static let hint = "a BCP 47 language tag such as ar, en, ar-EG"

    /// Tags the grammar lists whole (`grandfathered`), written before the current rules.
    static let grandfathered: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
        "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ]

    /// Whether `tag` is well-formed: `language[-extlang][-script][-region](-variant)*(-extension)*[-privateuse]`,
    /// a private-use tag `x-…`, or a grandfathered tag; letters in any case.
    static func isWellFormed(_ tag: String) -> Bool {
        guard tag.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || isAlpha($0) || isDigit($0) }) else { return false }
        let lower = tag.lowercased()
        if grandfathered.contains(lower) { return true }
        let subtags = lower.split(separator: "-", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard subtags.allSatisfy({ (1...8).contains($0.count) }) else { return false }
        var i = 0
        func alpha(_ s: [UInt8], _ counts: ClosedRange<Int>) -> Bool { counts.contains(s.count) && s.allSatisfy(isAlpha) }
        if subtags[0] == Array("x".utf8) { return privateUse(subtags[1...]) }
        // language: 2–3 letters with up to three 3-letter extlangs, or 4–8 letters.
        guard alpha(subtags[0], 2...8) else { return false }
        i = 1
        if subtags[0].count <= 3 {
            var extlangs = 0
            while i < subtags.count, extlangs < 3, alpha(subtags[i], 3...3) { i += 1; extlangs += 1 }
        }
        if i < subtags.count, alpha(subtags[i], 4...4) { i += 1 }                                  // script
        if i < subtags.count, alpha(subtags[i], 2...2) || (subtags[i].count == 3 && subtags[i].allSatisfy(isDigit)) {
            i += 1                                                                                  // region
        }
        while i < subtags.count, isVariant(subtags[i]) { i += 1 }
        while i < subtags.count, subtags[i].count == 1, subtags[i] != Array("x".utf8) {           // extensions
            i += 1
            let start = i
            while i < subtags.count, subtags[i].count >= 2 { i += 1 }
            guard i > start else { return false }
        }
        if i < subtags.count, subtags[i] == Array("x".utf8) { return privateUse(subtags[(i + 1)...]) }
        return i == subtags.count
    }

    /// 5–8 letters or digits, or a digit and three letters or digits.
    private static func isVariant(_ s: [UInt8]) -> Bool {
        (5...8).contains(s.count) || (s.count == 4 && isDigit(s[0]))
    }

    /// The subtags after `x`: at least one, each 1–8 letters or digits (already checked).
    private static func privateUse(_ rest: ArraySlice<[UInt8]>) -> Bool { !rest.isEmpty }

    private static func isAlpha(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }

    private static func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
}
