import Foundation
import Mustache
import DossierModel

/// One object of a page's Mustache context: named fields, kept in the order they were set.
///
/// Field values are `String` (stored as `ContextText`), `Bool`, `Int`, `[String]`, `ContextNode` and `[ContextNode]`; never
/// an Optional (Mustache would print "nil"). swift-mustache finds a field through one
/// `MustacheParent` check, where a `[String: Any]` costs a conditional-conformance lookup on every
/// tag. A node shared by many pages (a note, the labels, the site, an entity's link) is `sealed`
/// before it is shared: it is never changed again.
final class ContextNode: MustacheParent, MustacheCustomRepresentation, @unchecked Sendable {
    private(set) var keys: [String] = []
    private(set) var values: [Any] = []
    /// Set by `seal()`; from then on the node is only read, from any thread.
    private(set) var isSealed = false

    /// The fields in the order given; each key once (a page context names every field it sets).
    init(_ fields: KeyValuePairs<String, Any> = [:]) {
        keys.reserveCapacity(fields.count)
        values.reserveCapacity(fields.count)
        for (key, value) in fields {
            assert(!keys.contains(key), "context field '\(key)' set twice")
            keys.append(key)
            values.append(ContextText.wrapped(value))
        }
    }

    /// Text fields only, stored without looking at their type (pages with many list items make many).
    init(strings fields: KeyValuePairs<String, String>) {
        keys.reserveCapacity(fields.count)
        values.reserveCapacity(fields.count)
        for (key, value) in fields {
            assert(!keys.contains(key), "context field '\(key)' set twice")
            keys.append(key)
            values.append(ContextText(renderText: value))
        }
    }

    /// Strings are stored as `ContextText` (see there) and read back as `String`.
    subscript(key: String) -> Any? {
        get { keys.firstIndex(of: key).map { ContextText.unwrapped(values[$0]) } }
        set {
            precondition(!isSealed, "a sealed context node is shared and never changed")
            let stored = newValue.map(ContextText.wrapped)
            if let index = keys.firstIndex(of: key) {
                if let stored { values[index] = stored } else { keys.remove(at: index); values.remove(at: index) }
            } else if let stored {
                keys.append(key)
                values.append(stored)
            }
        }
    }

    func child(named name: String) -> Any? {
        for index in keys.indices where keys[index] == name { return values[index] }
        return nil
    }

    /// Itself. swift-mustache asks every context object it looks into for a representation first;
    /// answering is cheaper for the runtime than finding that the type has none (see `ContextText`).
    var representation: Any? { self }

    /// Adds the fields of `other` this node does not have yet.
    func merge(_ other: ContextNode) {
        for (key, value) in zip(other.keys, other.values) where self[key] == nil { self[key] = value }
    }

    /// Freezes the node so it can be shared between pages and threads; returns it, for chaining.
    @discardableResult
    func seal() -> ContextNode {
        isSealed = true
        return self
    }

    /// An unsealed node with the same fields, to extend.
    func copy() -> ContextNode {
        let node = ContextNode()
        node.keys = keys
        node.values = values
        return node
    }
}

/// A string field of a context, as swift-mustache renders it fastest.
///
/// For a plain `String` swift-mustache tries four protocol casts and `String(describing:)` on every
/// tag; a `MustacheCustomRenderable` is rendered after one. Everything else a String does in a
/// template is the same: its transforms (`{{uppercased(x)}}`), and a section on it renders once.
struct ContextText: MustacheCustomRenderable, MustacheCustomRepresentation, MustacheTransformable, Sendable {
    let renderText: String
    var isNull: Bool { false }
    /// Itself: swift-mustache asks every value it finds for a representation, and a conformance the
    /// runtime finds is cheaper than one it has to rule out.
    var representation: Any? { self }

    func transform(_ name: String) -> Any? { renderText.transform(name) }

    static func wrapped(_ value: Any) -> Any {
        if let string = value as? String { return ContextText(renderText: string) }
        return value
    }

    static func unwrapped(_ value: Any) -> Any {
        if let text = value as? ContextText { return text.renderText }
        return value
    }
}

extension ContextNode {
    /// Everything a template can see in this node, digested: its fields in order, nested nodes whole.
    func digest(into d: inout Digester) {
        d.add(keys.count)
        for (key, value) in zip(keys, values) {
            d.add(key)
            Self.digest(value, into: &d)
        }
    }

    /// A field's value, tagged by its type (see the list of types on `ContextNode`).
    static func digest(_ value: Any, into d: inout Digester) {
        switch value {
        case let text as ContextText: d.add(0); d.add(text.renderText)
        case let flag as Bool: d.add(1); d.add(flag)
        case let number as Int: d.add(2); d.add(number)
        case let strings as [String]: d.add(3); d.add(strings)
        case let node as ContextNode: d.add(4); node.digest(into: &d)
        case let nodes as [ContextNode]:
            d.add(5); d.add(nodes.count)
            for node in nodes { node.digest(into: &d) }
        default:
            preconditionFailure("a context value of type \(type(of: value))")
        }
    }
}
