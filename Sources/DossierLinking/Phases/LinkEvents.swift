import DossierMarkdown
import DossierModel

extension Linker {
    /// Phase 7's result: the chronology's rows, and what linking their texts found.
    struct LinkedEvents: Sendable {
        var events: [LinkedEvent]
        var matchedPhrases: Set<Int>
        var diagnostics: [Diagnostic]
    }

    /// Phase 7: the chronology's rows: each entity's `date` (unless one of its `events` has the same date,
    /// which then says more) and every item of `events`, their texts linked like descriptions, in
    /// date order. A partial date comes before the full dates of its period (2024, then 2024-06,
    /// then 2024-06-19); rows on one date keep a fixed order: entities before notes, then by id,
    /// then as written in the file, an entity's own `date` first.
    static func linkEvents(_ run: LinkRun) -> LinkedEvents {
        let site = run.site, index = run.index, options = run.options, cache = run.cache, keys = run.keys
        struct Job: Sendable {
            let owner: PageReference
            let path: String
            let event: Event
            /// Place in its file's `events`.
            let number: Int
            /// The record's digest, which covers the event's text.
            let record: Digest
            let listed: [String]
        }
        var rows: [(row: LinkedEvent, number: Int)] = []
        var jobs: [Job] = []
        for entity in site.entities {
            if let date = entity.date, !entity.events.contains(where: { $0.date == date }) {
                rows.append((LinkedEvent(owner: PageReference(kind: .entity, id: entity.id), date: date, text: nil,
                                         entityIDs: [entity.id], sources: []), -1))
            }
            guard !entity.events.isEmpty else { continue }
            let record = entity.contentDigest
            for (n, event) in entity.events.enumerated() {
                jobs.append(Job(owner: PageReference(kind: .entity, id: entity.id), path: entity.path, event: event, number: n,
                                record: record, listed: [entity.id]))
            }
        }
        for annotation in site.annotations where !annotation.events.isEmpty {
            let record = annotation.contentDigest
            let listed = annotation.entities.map(\.value).filter { index.entities[$0] != nil }
            for (n, event) in annotation.events.enumerated() {
                jobs.append(Job(owner: PageReference(kind: .annotation, id: annotation.id), path: annotation.path, event: event,
                                number: n, record: record, listed: listed))
            }
        }
        let bodies = ParallelMap.map(jobs) { job -> BodyResult in
            func compute() -> BodyResult {
                rewriteBody(job.event.text, path: job.path, index: index, own: nil, options: options)
            }
            guard let cache, let keys else { return compute() }
            var d = Digester("event")
            d.add(job.record); d.add(job.number)
            return cache.value(keys.body(d.finish(), own: nil), compute)
        }
        var diagnostics: [Diagnostic] = []
        var phrases: Set<Int> = []
        for (job, body) in zip(jobs, bodies) {
            diagnostics += body.diagnostics
            phrases.formUnion(body.phrases)
            var ids: [String] = []
            for id in job.listed + body.targets where !ids.contains(id) { ids.append(id) }
            rows.append((LinkedEvent(owner: job.owner, date: job.event.date, text: body.html, entityIDs: ids,
                                     sources: job.event.sources), job.number))
        }
        let keyed = rows.map { (date: EventDate($0.row.date) ?? EventDate("0")!, $0) }
        let ordered = keyed.sorted { a, b in
            if a.date != b.date { return a.date < b.date }
            let x = a.1, y = b.1
            return (x.row.owner.kind.rawValue, x.row.owner.id, x.number) < (y.row.owner.kind.rawValue, y.row.owner.id, y.number)
        }
        return LinkedEvents(events: ordered.map(\.1.row), matchedPhrases: phrases, diagnostics: diagnostics)
    }
}
