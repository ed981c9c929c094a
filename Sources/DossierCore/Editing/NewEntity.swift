import ArabicText
import DossierModel
import DossierLinking

/// `dossier new entity`: an entity note with its name and aliases, checked against the other
/// entities' names as the build checks them (`EntityIndex`), and counted in the articles with the
/// linker's own matching.
public struct NewEntity: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var aliases: [String]

    public init(id: String, name: String, kind: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
    }

    /// The file to write, or every problem that stops it (thrown as a `BuildFailure`). A name or
    /// alias that already belongs to another entity is a warning: the file is written, and the
    /// build refuses the shared name until the editor removes it from one of them.
    public func draft(in content: EditorContent) throws -> Draft {
        let (path, url) = content.file("entities", id)
        var problems = content.problems(withNewID: id, in: "entities")
        if EntityKind(rawValue: kind) == nil {
            problems.append(.error(path, "unknown entity kind \(Visible.quoted(kind))",
                                   hint: Suggestion.hint(for: kind, in: EntityKind.allCases.map(\.rawValue), listing: "kinds")))
        }
        let trimmedName = InlineRewriter.trimmingSpaces(name)
        if Tokenizer.words(of: trimmedName).isEmpty {
            problems.append(.error(path, "the name is empty", hint: "pass the name as the article writes it with --name \"…\""))
        }
        // The name is listed among the aliases, as in the dossier's entities; each spelling once.
        var names: [String] = [], keys: Set<String> = []
        for alias in [trimmedName] + aliases.map(InlineRewriter.trimmingSpaces) {
            let words = Tokenizer.words(of: alias)
            if !words.isEmpty, words.joined().count < EntityIndex.minimumAliasLetters {
                problems.append(.error(path, "alias \(Visible.quoted(alias)) is shorter than \(EntityIndex.minimumAliasLetters) letters",
                                       hint: "short aliases match ordinary words; use a longer form"))
                continue
            }
            if !words.isEmpty, keys.insert(ArabicNormalizer.key(alias)).inserted { names.append(alias) }
        }
        guard problems.isEmpty else { throw BuildFailure(diagnostics: problems) }

        var lines = ["---", "name: " + YAMLText.plainOrQuoted(trimmedName), "kind: " + kind]
        lines += YAMLText.blockList("aliases", names)
        lines += ["---", ""]
        let text = lines.joined(separator: "\n")
        let entity: Entity = try content.loadBack(text, as: .entity, id: id, path: path)

        // The dossier with the new entity, linked as a build links it.
        var site = content.site
        site.entities.append(entity)
        let index = EntityIndex(site.entities)
        var draft = Draft(path: path, url: url, text: text)
        // The name is also listed as an alias: each taken name is said once, where it is first written.
        var warned: Set<String> = []
        for clash in index.clashes where clash.entityID == id && warned.insert(ArabicNormalizer.key(clash.alias.value)).inserted {
            let owner = index.entities[clash.ownerID]?.path ?? clash.ownerID
            draft.warnings.append(.warning(path, line: clash.alias.line, column: clash.alias.column,
                                           "\(Visible.quoted(clash.alias.value)) is already a name of \(owner)",
                                           hint: "a name belongs to one entity: the build refuses it until you remove it from \(path) or \(owner), or write the vowels that tell them apart"))
        }
        // The build's other warnings about these names (an ordinary word, an adjective's form).
        draft.warnings += index.diagnostics.filter { $0.path == path && $0.severity == .warning }
        let (linked, _) = Linker.link(site)
        let count = linked.entities.first { $0.entity.id == id }?.mentionCount ?? 0
        let articles = site.articles.count == 1 ? site.articles[0].path : "the \(site.articles.count) articles"
        draft.notes = ["\(articles) mention\(site.articles.count == 1 ? "s" : "") it \(count) time\(count == 1 ? "" : "s")"]
        if count == 0 {
            draft.notes.append("add the forms the article uses to 'aliases' (base forms: suffixes are never stripped)")
        }
        draft.notes.append("add 'name_en', 'summary' and 'sources' and write the description below the front matter, as the other entities do")
        return draft
    }
}
