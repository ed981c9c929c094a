/// Bounds the one input on which libcmark 0.30.2 (Debian's) takes quadratic time: image openers
/// `![` left unclosed before links in one paragraph. Each link that closes walks back over every
/// image opener still open in its paragraph (cmark 0.30.3 fixed it, CVE-2023-22486), so
/// `![[]()` repeated 300,000 times takes minutes.
///
/// Counted per run of lines between blank lines, which holds at least one whole paragraph: the
/// openers `![` times the `]` that may close a link after them. The sum of these products over a
/// file bounds the steps cmark takes; past `limit` the file is refused before cmark sees it.
/// Real prose has a handful of images a paragraph, and products in the hundreds.
enum ImageBracketCost {
    static let limit = 20_000_000

    struct Refusal: Equatable {
        /// The file line where the costliest paragraph starts.
        var line: Int
        var images: Int
        var closers: Int
    }

    /// Nil when cmark's bracket work on `utf8` stays under `limit`; else the paragraph that costs most.
    static func refusal(_ utf8: ArraySlice<UInt8>, firstLine: Int) -> Refusal? {
        var total = 0, worstCost = -1
        var worst = Refusal(line: firstLine, images: 0, closers: 0)
        var line = firstLine, start = firstLine
        var images = 0, closers = 0, lineIsBlank = true
        var previous: UInt8 = 0
        func endParagraph() {
            // Both counts are below the file's size, so their product fits in 64 bits; the sum saturates.
            let cost = images * closers
            total = total > limit ? total : total + cost
            if cost > worstCost {
                worstCost = cost
                worst = Refusal(line: start, images: images, closers: closers)
            }
            images = 0
            closers = 0
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                if lineIsBlank {
                    endParagraph()
                    start = line + 1
                }
                line += 1
                lineIsBlank = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                lineIsBlank = false
                if byte == UInt8(ascii: "["), previous == UInt8(ascii: "!") { images += 1 }
                if byte == UInt8(ascii: "]") { closers += 1 }
            }
            previous = byte
        }
        endParagraph()
        return total > limit ? worst : nil
    }
}
