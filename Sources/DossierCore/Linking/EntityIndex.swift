import ArabicText

/// The names by which each entity may be mentioned, checked for clashes, as a matcher.
struct EntityIndex: Sendable {
    let entities: [String: Entity]
    let matcher: MentionMatcher<String>
    /// Every listed alias with the matcher's number for it, to warn about aliases that never match.
    let phrases: [(entityID: String, alias: Located<String>, id: Int)]
    let diagnostics: [Diagnostic]

    static let minimumAliasLetters = 3

    init(_ list: [Entity]) {
        var diagnostics: [Diagnostic] = []
        var owners: [String: (id: String, path: String)] = [:]
        var matcher = MentionMatcher<String>()
        var phrases: [(String, Located<String>, Int)] = []
        // Each name and alias as normalised words, on all cores; then registered in order.
        let names = ParallelMap.map(list) { entity -> [(alias: Located<String>, words: [String])] in
            let named = Located(entity.name, line: entity.nameLine, column: entity.nameColumn)
            return ([named] + entity.aliases).map { ($0, Tokenizer.words(of: $0.value)) }
        }
        for (entity, aliases) in zip(list, names) {
            for (index, (alias, words)) in aliases.enumerated() {
                let isName = index == 0
                let key = words.joined(separator: " ")
                let letters = words.joined().count
                if letters < Self.minimumAliasLetters {
                    if !isName {
                        diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                                  "alias '\(alias.value)' is shorter than \(Self.minimumAliasLetters) letters",
                                                  hint: "short aliases match ordinary words; use a longer form or remove it"))
                    }
                    continue
                }
                if let owner = owners[key] {
                    if owner.id != entity.id {
                        diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                                  "'\(alias.value)' names two entities: \(owner.path) and \(entity.path)",
                                                  hint: "an alias must belong to one entity; remove it from one of them"))
                    }
                    continue
                }
                owners[key] = (entity.id, entity.path)
                let id = matcher.add(alias.value, words: words, for: entity.id)
                if !isName { phrases.append((entity.id, alias, id)) }
            }
        }
        matcher.finalize()
        self.entities = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.matcher = matcher
        self.phrases = phrases
        self.diagnostics = diagnostics
    }
}
