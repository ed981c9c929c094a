import DossierModel
import DossierLinking

/// Links the fixed site with the input as the article and as an entity's description (a note's
/// body goes through the same code as a description, less the entity's own name: not run twice).
enum LinkingFuzzing {
    static let fixedQuote = Fixtures.annotation(id: "fixed-quote", quote: "روسيا وكوريا الشمالية")
    static let inputQuote = Fixtures.annotation(id: "input-quote", quote: "")
    static let article = Fixtures.article(body: "")

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let body = MarkdownSource(text: text, firstLine: 5)
        var article = article
        article.markdown = body
        var described = Fixtures.describedEntity
        described.markdown = body
        var quoted = inputQuote
        quoted.quote.value = quote(in: text)
        var site = Fixtures.emptySite
        site.articles = [article]
        site.entities = Fixtures.entities + [described]
        site.annotations = [fixedQuote, quoted]

        let (linked, _) = Linker.link(site)
        // Everything a page would read: rendered blocks, mention excerpts, note bodies.
        for a in linked.articles { for block in a.blocks { _ = block.html }; _ = a.lead }
        for e in linked.entities {
            for m in e.mentions { _ = m.before; _ = m.text; _ = m.after }
        }
        for n in linked.annotations { _ = n.html }
    }

    /// A quote taken from the input: a few middle words of its middle line, so that some quotes are
    /// found (and highlighted, across whatever markup the line has) and others are not.
    static func quote(in text: String) -> String {
        let lines = text.split(separator: "\n")
        guard !lines.isEmpty else { return "غير موجود" }
        let words = lines[lines.count / 2].split(separator: " ")
        let start = words.count / 3
        let quote = words[start..<min(words.count, start + 4)].joined(separator: " ")
        return quote.isEmpty ? "غير موجود" : quote
    }
}
