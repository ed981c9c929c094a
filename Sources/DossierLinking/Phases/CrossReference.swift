import DossierModel

extension Linker {
    /// Phase 6: each entity's page values: its description, what it links to, who refers to it
    /// (articles, descriptions, notes), its mentions, notes and related entities, on all cores.
    struct CrossReferences: Sendable {
        var entities: [LinkedEntity]
        /// Every page that refers to each entity, by entity number.
        var mentionedIn: [[PageReference]]
    }

    static func crossReference(_ run: LinkRun, _ merged: ArticleReferencesMerged, _ bodies: LinkedBodies,
                               _ gathered: GatheredMentions) -> CrossReferences {
        let site = run.site
        var mentionedIn = merged.mentionedIn
        for entity in site.entities {
            let reference = PageReference(kind: .entity, id: entity.id)
            for target in bodies.descriptionTargets[entity.id] ?? [] { if let e = run.entityNumber[target] { mentionedIn[e].append(reference) } }
        }
        // The notes concerning each entity, by number, as indices into `bodies.notes`.
        var notesOf = [[Int]](repeating: [], count: site.entities.count)
        for (i, note) in bodies.notes.enumerated() {
            let reference = PageReference(kind: .annotation, id: note.annotation.id)
            for e in bodies.noteTargets[i] { mentionedIn[e].append(reference) }
            for e in bodies.noteConcerns[i] { notesOf[e].append(i) }
        }
        let referrers = mentionedIn, notes = notesOf
        let noteIDs = bodies.notes.map(\.annotation.id)
        let entities = ParallelMap.map(Array(site.entities.indices)) { e -> LinkedEntity in
            let entity = site.entities[e]
            return LinkedEntity(
                entity: entity, html: bodies.descriptions[entity.id] ?? "",
                linksTo: bodies.descriptionTargets[entity.id] ?? [],
                linkedFrom: sortedUnique(referrers[e].filter { !($0.kind == .entity && $0.id == entity.id) }),
                mentionList: gathered[e].mentions,
                annotationIDs: sortedUnique(notes[e].map { noteIDs[$0] }),
                related: gathered[e].related)
        }
        return CrossReferences(entities: entities, mentionedIn: mentionedIn)
    }
}
