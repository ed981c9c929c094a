/// A dated happening an editor records in an entity's or annotation's `events`, shown on the
/// chronology page.
public struct Event: Sendable, Hashable {
    /// YYYY, YYYY-MM or YYYY-MM-DD, checked when loaded.
    public var date: String
    /// Markdown, linked like a description (`[[id]]` and mentions); `firstLine` is the file line of
    /// the `text` value, so problems in it point there.
    public var text: MarkdownSource
    public var sources: [SourceReference]
    /// Where the event's item starts in its file.
    public var line: Int
    public var column: Int

    public init(date: String, text: MarkdownSource, sources: [SourceReference] = [], line: Int, column: Int) {
        self.date = date
        self.text = text
        self.sources = sources
        self.line = line
        self.column = column
    }
}

/// A date as editors write it (YYYY, YYYY-MM or YYYY-MM-DD), read for ordering and display.
public struct EventDate: Sendable, Hashable, Comparable {
    public var year: Int
    /// 1–12, or nil for a year alone.
    public var month: Int?
    /// 1–31, or nil for a year or a month alone.
    public var day: Int?

    /// Nil for text that is not such a date (loading has already reported it).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), let year = Int(parts[0]) else { return nil }
        self.year = year
        if parts.count > 1 { guard let m = Int(parts[1]) else { return nil }; month = m }
        if parts.count > 2 { guard let d = Int(parts[2]) else { return nil }; day = d }
    }

    /// A partial date sorts before the full dates of its period: 2024, then 2024-06, then 2024-06-19.
    public static func < (a: EventDate, b: EventDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    /// The date in words: "19 يونيو 2024", "يونيو 2024", "2024", with the month names of `strings`
    /// (`month_1` … `month_12`). Digits stay Western, as the dossier's text writes them.
    public func label(months strings: [String: String]) -> String {
        guard let month else { return String(year) }
        let name = strings["month_\(month)"] ?? String(month)
        guard let day else { return "\(name) \(year)" }
        return "\(day) \(name) \(year)"
    }

    /// The first instant of the date, as RFC 3339 (Atom's `updated`): a partial date is its first day.
    public var timestamp: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let y = String(year), paddedYear = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return "\(paddedYear)-\(two(month ?? 1))-\(two(day ?? 1))T00:00:00Z"
    }
}
