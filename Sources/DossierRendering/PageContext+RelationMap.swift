import DossierModel
import DossierLinking

/// Relation maps as template fields: numbers, names and links, every one printed escaped by
/// `partials/relation-map.mustache`, which owns the SVG markup.
extension PageContext {
    /// The map of `linked` and its closest ties, for its page; nil when it has no tie.
    func relationMap(of linked: LinkedEntity) -> ContextNode? {
        let map = RelationMap.around(linked.entity.id, ties: RelationMap.ties(of: linked), label: mapLabel, direction: site.config.direction)
        return map.map { relationMapContext($0, from: SiteLayout.entity(linked.entity.id), title: label("relation_map"), caption: label("relation_map_caption")) }
    }

    /// The dossier's strongest ties, for the entity index; nil when no two entities are tied.
    func strongestTiesMap() -> ContextNode? {
        let map = RelationMap.strongest(RelationMap.ties(in: site.entities), label: mapLabel, direction: site.config.direction)
        return map.map { relationMapContext($0, from: SiteLayout.entityIndex, title: label("strongest_ties"), caption: label("strongest_ties_caption")) }
    }

    /// A name as an SVG label, which cannot hold `<bdi>`: each label is its own `<text>`, but an
    /// override left open would still reverse the name itself, so the controls go, as in `<title>`
    /// (`Bidi`).
    func mapLabel(_ id: String) -> String {
        Bidi.plainText(entityNumber[id].map { site.entities[$0].entity.name } ?? id)
    }

    func relationMapContext(_ map: RelationMap, from path: String, title: String, caption: String) -> ContextNode {
        func name(_ id: String) -> String { entityNumber[id].map { site.entities[$0].entity.name } ?? id }
        let f = RelationMap.format
        let nodes = map.nodes.map { node -> ContextNode in
            ContextNode(["id": node.id, "url": SiteLayout.url(SiteLayout.entity(node.id), from: path),
                         "x": f(node.x), "y": f(node.y), "r": f(node.radius), "is_centre": node.isCentre,
                         "anchor": node.label.anchor(direction: site.config.direction),
                         "lines": node.lines.indices.map { ContextNode(["text": node.lines[$0], "x": f(node.label.x), "y": f(node.baseline($0))]) }])
        }
        let edges = map.edges.map { edge -> ContextNode in
            ContextNode(["x1": f(edge.x1), "y1": f(edge.y1), "x2": f(edge.x2), "y2": f(edge.y2), "stroke_width": f(edge.width),
                         "from_name": name(edge.tie.a), "to_name": name(edge.tie.b),
                         "shared": edge.tie.shared, "has_shared": edge.tie.shared > 0, "has_link": edge.tie.links > 0])
        }
        return ContextNode(["title": title, "caption": caption, "view_box": "0 0 \(f(map.width)) \(f(map.height))",
                            "view_width": f(map.width), "view_height": f(map.height), "nodes": nodes, "edges": edges])
    }
}
