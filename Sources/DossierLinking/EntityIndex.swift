import ArabicText
import DossierModel

/// The names by which each entity may be mentioned, checked for clashes, as a matcher; and the
/// phrases editors listed as never meaning an entity, which take the words they cover from it.
package struct EntityIndex: Sendable {
    package let entities: [String: Entity]
    package let matcher: MentionMatcher<String>
    /// Every listed alias with the matcher's numbers for its spellings, to warn about aliases that never match.
    let phrases: [(entityID: String, alias: Located<String>, ids: [Int])]
    package let diagnostics: [Diagnostic]
    /// Every name refused because another entity already has it: the entity, its name, and the
    /// owner's id (also reported in `diagnostics`; `dossier new entity` turns them into warnings).
    package let clashes: [(entityID: String, alias: Located<String>, ownerID: String)]

    package static let minimumAliasLetters = 3
    /// The matcher's target for an exclusion: a match of it is a mention of no entity.
    package static let excluded = ""

    package init(_ list: [Entity]) {
        var diagnostics: [Diagnostic] = []
        var owners: [String: [(id: String, path: String, marks: [[UInt8]])]] = [:]
        var matcher = MentionMatcher<String>()
        var phrases: [(String, Located<String>, [Int])] = []
        var clashes: [(String, Located<String>, String)] = []
        // Each name and alias as normalised words ready for the matcher, on all cores; then
        // checked and registered in order.
        let names = ParallelMap.map(list) { entity -> [Name] in
            let named = Located(entity.name, line: entity.nameLine, column: entity.nameColumn)
            return ([named] + entity.aliases).map(Name.init)
        }
        for (entity, aliases) in zip(list, names) {
            for (index, name) in aliases.enumerated() {
                let isName = index == 0
                let alias = name.alias
                if name.letters < Self.minimumAliasLetters {
                    if !isName {
                        diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                                  "alias \(Visible.quoted(alias.value)) is shorter than \(Self.minimumAliasLetters) letters",
                                                  hint: "short aliases match ordinary words; use a longer form or remove it"))
                    }
                    continue
                }
                // Names spelt alike once normalised may still be two entities when their written
                // vowels tell them apart (عُمان and عَمّان).
                let others = owners[name.key] ?? []
                if others.contains(where: { $0.id == entity.id }) { continue }
                if let owner = others.first(where: { !Vocalization.distinguishes($0.marks, name.spellings[0].prepared.marks) }) {
                    diagnostics.append(.error(entity.path, line: alias.line, column: alias.column,
                                              "\(Visible.quoted(alias.value)) names two entities: \(owner.path) and \(entity.path)",
                                              hint: "an alias must belong to one entity; remove it from one of them, or write the vowels that tell them apart (عُمان, عَمّان)"))
                    clashes.append((entity.id, alias, owner.id))
                    continue
                }
                if let warning = Self.ordinaryWordWarning(name, in: entity) { diagnostics.append(warning) }
                owners[name.key, default: []].append((entity.id, entity.path, name.spellings[0].prepared.marks))
                let ids = name.spellings.map { matcher.add(alias.value, prepared: $0.prepared, for: entity.id) }
                if !isName { phrases.append((entity.id, alias, ids)) }
            }
        }
        for entity in list {
            for exclusion in entity.exclusions {
                let name = Name(exclusion)
                if let owner = owners[name.key]?.first {
                    diagnostics.append(.error(entity.path, line: exclusion.line, column: exclusion.column,
                                              "\(Visible.quoted(exclusion.value)) is listed as never meaning this entity, but it is a name of \(owner.path)",
                                              hint: "an exclusion keeps a phrase from being read as a shorter name; remove it, or the alias"))
                    continue
                }
                matcher.add(exclusion.value, prepared: name.spellings[0].prepared, for: Self.excluded)
            }
        }
        matcher.finalize()
        self.entities = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.matcher = matcher
        self.phrases = phrases
        self.diagnostics = diagnostics
        self.clashes = clashes
    }

    /// A warning when a one-word name is also an ordinary word (البرهان, "the proof") or has the
    /// form of an adjective of origin (السعودية in الخارجية السعودية): it will link where it is
    /// not the entity. Said until the editor lists such phrases in the entity's `exclusions`.
    private static func ordinaryWordWarning(_ name: Name, in entity: Entity) -> Diagnostic? {
        guard !name.key.contains(" ") else { return nil }
        let alias = name.alias
        // An entity with exclusions is one whose false matches an editor has already looked at.
        guard entity.exclusions.isEmpty else { return nil }
        if OrdinaryWords.contains(name.key) {
            return .warning(entity.path, line: alias.line, column: alias.column,
                            "'\(alias.value)' is also an ordinary word and will be linked wherever it is used as one",
                            hint: "list phrases where it is not this entity in 'exclusions', mark one use with [[!\(alias.value)]], or use a longer alias")
        }
        if OrdinaryWords.isNisbaForm(name.key) {
            return .warning(entity.path, line: alias.line, column: alias.column,
                            "'\(alias.value)' is also the form of an adjective (as in 'الخارجية \(alias.value)') and will be linked there",
                            hint: "list such phrases in 'exclusions' (for example الخارجية \(alias.value)), or use a longer alias")
        }
        return nil
    }

    /// A name or alias, normalised and prepared for the matcher in each of its spellings.
    private struct Name: Sendable {
        let alias: Located<String>
        /// Its normalised words joined by spaces: two names with one key clash.
        let key: String
        let letters: Int
        /// The name as written first; then «عبد» joined to or parted from the next word, which
        /// writers do both ways (عبد الفتاح, عبدالفتاح).
        let spellings: [(words: [String], prepared: MentionMatcher<String>.PreparedName)]

        init(_ alias: Located<String>) {
            self.alias = alias
            let prepared = MentionMatcher<String>.prepare(alias.value)
            let words = Tokenizer.words(of: alias.value)
            key = words.joined(separator: " ")
            letters = words.joined().count
            var spellings = [(words, prepared)]
            if let other = Self.otherAbdSpelling(words) {
                spellings.append((other, MentionMatcher<String>.prepare(words: other)))
            }
            self.spellings = spellings
        }

        /// `عبد` + `ال…` joined into one word, or `عبدال…` parted in two; nil when the name has neither.
        static func otherAbdSpelling(_ words: [String]) -> [String]? {
            let abd = "عبد", article = "ال"
            if let i = words.indices.dropLast().first(where: { words[$0] == abd && words[$0 + 1].hasPrefix(article) }) {
                var joined = words
                joined[i] = abd + words[i + 1]
                joined.remove(at: i + 1)
                return joined
            }
            if let i = words.firstIndex(where: { $0.hasPrefix(abd + article) && $0.count > 6 }) {
                var parted = words
                parted[i] = String(words[i].dropFirst(abd.count))
                parted.insert(abd, at: i)
                return parted
            }
            return nil
        }
    }
}
