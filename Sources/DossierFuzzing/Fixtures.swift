import DossierModel

/// A small fixed site, loaded once through the loader from files written here: a few entities
/// whose Arabic names and aliases share words and proclitic forms, so mention matching has
/// choices to make on any input.
enum Fixtures {
    static let loader = FrontMatterFuzzing.loader

    static let entityFiles: [(id: String, text: String)] = [
        ("russia", """
            ---
            name: روسيا
            kind: country
            aliases: [روسيا الاتحادية, موسكو]
            ---
            أكبر دول العالم مساحة، وتجاورها [[north-korea|كوريا الشمالية]].
            """),
        ("north-korea", """
            ---
            name: كوريا الشمالية
            kind: country
            aliases: [كوريا, بيونغ يانغ, بيونغيانغ]
            ---
            تحكمها أسرة [[kim-jong-un]] منذ تأسيسها.
            """),
        ("kim-jong-un", """
            ---
            name: كيم جونغ أون
            kind: person
            aliases: [كيم, الزعيم الكوري الشمالي]
            ---
            زعيم كوريا الشمالية.
            """),
        ("vladimir-putin", """
            ---
            name: فلاديمير بوتين
            kind: person
            aliases: [بوتين, الرئيس الروسي]
            ---
            رئيس روسيا.
            """),
        ("treaty", """
            ---
            name: معاهدة الشراكة الاستراتيجية الشاملة
            kind: treaty
            aliases: [المعاهدة, الشراكة الاستراتيجية]
            ---
            وقعها [[vladimir-putin|بوتين]] و[[kim-jong-un]] عام 2024.
            """),
    ]

    static let entities: [Entity] = entityFiles.map { file in
        let (record, diagnostics) = loader.loadFile(Array(file.text.utf8), as: .entity, id: file.id,
                                                    path: "Content/entities/\(file.id).md")
        guard let entity = record as? Entity else { fatalError("fixture \(file.id) does not load: \(diagnostics)") }
        return entity
    }

    /// An entity of its own whose description each input replaces.
    static let describedEntity: Entity = {
        let text = "---\nname: الأمم المتحدة\nkind: organization\naliases: [الأمم, مجلس الأمن]\n---\n"
        guard let entity = loader.loadFile(Array(text.utf8), as: .entity, id: "united-nations",
                                           path: "Content/entities/united-nations.md").record as? Entity
        else { fatalError("fixture united-nations does not load") }
        return entity
    }()

    static func article(body: String) -> Article {
        let text = "---\ntitle: مقال\nsource: مصدر\n---\n" + body
        guard let article = loader.loadFile(Array(text.utf8), as: .article, id: "article",
                                            path: "Content/articles/article.md").record as? Article
        else { fatalError("fixture article does not load") }
        return article
    }

    static func annotation(id: String, quote: String) -> Annotation {
        let text = "---\nquote: placeholder\nentities: [russia]\n---\n"
        guard var note = loader.loadFile(Array(text.utf8), as: .annotation, id: id,
                                         path: "Content/annotations/\(id).md").record as? Annotation
        else { fatalError("fixture \(id) does not load") }
        // Set here rather than written into YAML, so any text can be a quote without escaping.
        note.quote = Located(quote, line: 2, column: 8)
        return note
    }

    static let emptySite = Site(config: SiteConfig(title: "ملف", language: "ar"), articles: [], entities: [], annotations: [])
}
