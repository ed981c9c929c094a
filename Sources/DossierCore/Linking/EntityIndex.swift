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
        for entity in list {
            let named = Located(entity.name, line: entity.nameLine, column: entity.nameColumn)
            for (index, alias) in ([named] + entity.aliases).enumerated() {
                let isName = index == 0
                let words = Tokenizer.words(of: alias.value)
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
                let id = matcher.add(alias.value, for: entity.id)
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
