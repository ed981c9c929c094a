import DossierModel

extension Linker {
    /// Phase 5: entity descriptions and annotation bodies, their links and mentions, on all cores.
    struct LinkedBodies: Sendable {
        /// Each entity's description as HTML, and the entities it links to or mentions, by entity id.
        var descriptions: [String: String] = [:]
        var descriptionTargets: [String: [String]] = [:]
        /// The notes, with the entities each concerns (those listed, then those its body links or
        /// mentions, each once), in anchoring order.
        var notes: [LinkedAnnotation] = []
        /// By note, as entity numbers: the entities its body refers to, and those it concerns.
        var noteTargets: [[Int]] = []
        var noteConcerns: [[Int]] = []
        var matchedPhrases: Set<Int> = []
        var diagnostics: [Diagnostic] = []
    }

    static func linkBodies(_ run: LinkRun, notes anchored: [Anchored]) -> LinkedBodies {
        let site = run.site, index = run.index, options = run.options, cache = run.cache, keys = run.keys
        let entityNumber = run.entityNumber
        var linked = LinkedBodies()
        let entityBodies = ParallelMap.map(site.entities) { entity in
            cached(cache, keys!.body(entity.contentDigest, own: entity.id)) {
                rewriteBody(entity.markdown, path: entity.path, index: index, own: entity.id, options: options)
            }
        }
        for (entity, body) in zip(site.entities, entityBodies) {
            linked.diagnostics += body.diagnostics
            linked.matchedPhrases.formUnion(body.phrases)
            linked.descriptions[entity.id] = body.html.string
            linked.descriptionTargets[entity.id] = body.targets
        }
        let notes = ParallelMap.split(Array(anchored.indices)) { i -> (LinkedAnnotation, (body: BodyResult, targets: [Int], concerns: [Int])) in
            let note = anchored[i]
            let annotation = site.annotations[note.annotationIndex]
            let body = cached(cache, keys!.body(annotation.contentDigest, own: nil)) {
                rewriteBody(annotation.markdown, path: annotation.path, index: index, own: nil, options: options)
            }
            // A note concerns a few entities: a list is searched faster than a set is built.
            var ordered: [String] = [], numbers: [Int] = []
            for id in annotation.entities.map(\.value) + body.targets where !ordered.contains(id) {
                guard let e = entityNumber[id] else { continue }
                ordered.append(id)
                numbers.append(e)
            }
            let linked = LinkedAnnotation(annotation: annotation, body: body.html, number: note.number,
                                          articleID: site.articles[note.articleIndex].id,
                                          blockAnchor: note.blockAnchor, entityIDs: ordered)
            return (linked, (body, body.targets.compactMap { entityNumber[$0] }, numbers))
        }
        linked.notes = notes.0
        // Fields are read in place: a note copied out is every one of its strings retained and
        // released, on memory the other core last wrote.
        notes.1.withUnsafeBufferPointer { results in
            for result in results {
                linked.diagnostics += result.body.diagnostics
                linked.matchedPhrases.formUnion(result.body.phrases)
                linked.noteTargets.append(result.targets)
                linked.noteConcerns.append(result.concerns)
            }
        }
        return linked
    }
}
