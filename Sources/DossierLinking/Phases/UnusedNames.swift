import DossierModel

extension Linker {
    /// Phase 8: warnings for the names that linked nothing: an entity no page refers to, an alias
    /// that never matched any text.
    static func unusedNames(_ run: LinkRun, mentionedIn: [[PageReference]], matchedPhrases: Set<Int>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (e, entity) in run.site.entities.enumerated() where mentionedIn[e].isEmpty {
            diagnostics.append(.warning(entity.path, line: entity.nameLine, column: entity.nameColumn,
                                        "\(Visible.quoted(entity.name)) is never mentioned in any article, description or annotation",
                                        hint: "add the form the text uses to 'aliases', or link it with [[\(entity.id)]]"))
        }
        for (entityID, alias, ids) in run.index.phrases where !ids.contains(where: matchedPhrases.contains) {
            let path = run.index.entities[entityID]?.path ?? entityID
            diagnostics.append(.warning(path, line: alias.line, column: alias.column, "alias \(Visible.quoted(alias.value)) never matches any text",
                                        hint: "check its spelling against the article, or remove it"))
        }
        return diagnostics
    }
}
