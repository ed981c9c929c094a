// The records' memberwise initializers for the stages, which live in other modules: a synthesized
// memberwise initializer is internal to this one. These take every field but `loadDigests`, which
// only the loader sets, after making the record.
extension Article {
    package init(id: String, path: String, title: String, source: String, sourceURL: String? = nil,
                 published: String? = nil, language: String, highlights: [String], markdown: MarkdownSource) {
        self.init(id: id, path: path, title: title, source: source, sourceURL: sourceURL, published: published,
                  language: language, highlights: highlights, markdown: markdown, loadDigests: nil)
    }
}

extension Entity {
    package init(id: String, path: String, name: String, kind: EntityKind, aliases: [Located<String>],
                 nameEnglish: String? = nil, summary: String? = nil, date: String? = nil, sortKey: String? = nil,
                 sources: [SourceReference], exclusions: [Located<String>] = [], events: [Event] = [],
                 markdown: MarkdownSource, nameLine: Int, nameColumn: Int) {
        self.init(id: id, path: path, name: name, kind: kind, aliases: aliases, nameEnglish: nameEnglish,
                  summary: summary, date: date, sortKey: sortKey, sources: sources, exclusions: exclusions,
                  events: events, markdown: markdown, loadDigests: nil, nameLine: nameLine, nameColumn: nameColumn)
    }
}

extension Annotation {
    package init(id: String, path: String, quote: Located<String>, article: Located<String>? = nil,
                 entities: [Located<String>], kind: AnnotationKind, language: String, author: String? = nil,
                 date: String? = nil, sources: [SourceReference], events: [Event] = [], markdown: MarkdownSource) {
        self.init(id: id, path: path, quote: quote, article: article, entities: entities, kind: kind,
                  language: language, author: author, date: date, sources: sources, events: events,
                  markdown: markdown, loadDigests: nil)
    }
}
