import DossierMarkdown
import DossierModel
import DossierMarkdownStage

/// Runs the input through the Markdown stage as a body the loader would hand it.
enum MarkdownFuzzing {
    /// An article whose body each input replaces, for the stage's size check.
    static let article: Article = Fixtures.article(body: "")

    static func run(_ bytes: UnsafeRawBufferPointer) {
        // The loader hands on only valid UTF-8; invalid inputs still reach the parser, repaired,
        // rather than being thrown away.
        let source = MarkdownSource(text: String(decoding: bytes, as: UTF8.self), firstLine: 5)
        var site = Fixtures.emptySite
        var article = article
        article.markdown = source
        site.articles = [article]
        let refused = !MarkdownStage.check(site).isEmpty
        if refused != (source.utf8.count > MarkdownStage.maximumBodyBytes) { fuzzFailure("size check disagrees with the limit") }

        let (blocks, refusals) = MarkdownStage.parse(source, path: "articles/fuzz.md")
        // A refused body (too deep, too costly for cmark) yields no blocks and a positioned error.
        if !refusals.isEmpty, !blocks.isEmpty { fuzzFailure("a refused body still yielded blocks") }
        for refusal in refusals where refusal.line < source.firstLine {
            fuzzFailure("refusal at line \(refusal.line), before the body's first line")
        }
        _ = Markdown.renderHTML(blocks)
        _ = Markdown.renderHTML(blocks, options: RenderOptions(allowUnsafeHTML: true))
        if case .paragraph(let inlines, _)? = blocks.first { _ = Markdown.renderInlineHTML(inlines) }
        // Positions name lines of the body, after the front matter's.
        for block in blocks {
            let line = block.position.line
            if line != 0, line < source.firstLine { fuzzFailure("block at line \(line), before the body's first line") }
        }
    }
}
