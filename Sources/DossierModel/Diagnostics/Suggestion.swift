/// Finds the valid name an editor most likely meant, by edit distance.
public enum Suggestion {
    /// The candidate closest to `input`, if it is close enough to be a plausible typo.
    public static func nearest(to input: String, in candidates: some Sequence<String>) -> String? {
        let a = Array(input.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(a, Array(candidate.lowercased()))
            if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        guard let (name, d) = best else { return nil }
        let limit = max(2, min(a.count, name.count) / 3)
        return d <= limit ? name : nil
    }

    /// A hint sentence: "did you mean 'x'?" or the list of valid names when nothing is close.
    public static func hint(for input: String, in candidates: [String], listing noun: String) -> String {
        if let near = nearest(to: input, in: candidates) {
            return "did you mean '\(near)'?"
        }
        let sorted = candidates.sorted()
        let shown = sorted.prefix(12).joined(separator: ", ")
        return "valid \(noun): \(shown)\(sorted.count > 12 ? ", …" : "")"
    }

    package static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
