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
        // Each name and alias as normalised words ready for the matcher, on all cores; then
        // checked and registered in order.
        let names = ParallelMap.map(list) { entity -> [Name] in
            let named = Located(entity.name, line: entity.nameLine, column: entity.nameColumn)
            return ([named] + entity.aliases).map { alias in
                let words = Tokenizer.words(of: alias.value)
                return Name(alias: alias, key: words.joined(separator: " "), letters: words.joined().count,
                            prepared: MentionMatcher<String>.prepare(words: words))
            }
        }
        for (entity, aliases) in zip(list, names) {
            for (index, name) in aliases.enumerated() {
                let isName = index == 0
                let alias = name.alias, key = name.key
                if name.letters < Self.minimumAliasLetters {
                    if !isName {
                        diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                                  "alias \(Visible.quoted(alias.value)) is shorter than \(Self.minimumAliasLetters) letters",
                                                  hint: "short aliases match ordinary words; use a longer form or remove it"))
                    }
                    continue
                }
                if let owner = owners[key] {
                    if owner.id != entity.id {
                        diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                                  "\(Visible.quoted(alias.value)) names two entities: \(owner.path) and \(entity.path)",
                                                  hint: "an alias must belong to one entity; remove it from one of them"))
                    }
                    continue
                }
                owners[key] = (entity.id, entity.path)
                let id = matcher.add(alias.value, prepared: name.prepared, for: entity.id)
                if !isName { phrases.append((entity.id, alias, id)) }
            }
        }
        matcher.finalize()
        self.entities = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.matcher = matcher
        self.phrases = phrases
        self.diagnostics = diagnostics
    }

    /// A name or alias, normalised and prepared for the matcher.
    private struct Name: Sendable {
        let alias: Located<String>
        /// Its normalised words joined by spaces: two names with one key clash.
        let key: String
        let letters: Int
        let prepared: MentionMatcher<String>.PreparedName
    }
}
