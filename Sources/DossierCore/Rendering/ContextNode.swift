import Foundation
import Mustache

/// One object of a page's Mustache context: named fields, kept in the order they were set.
///
/// Field values are `String` (stored as `ContextText`), `Bool`, `Int`, `[String]`, `ContextNode` and `[ContextNode]`; never
/// an Optional (Mustache would print "nil"). swift-mustache finds a field through one
/// `MustacheParent` check, where a `[String: Any]` costs a conditional-conformance lookup on every
/// tag. A node shared by many pages (a note, the labels, the site, an entity's link) is `sealed`
/// before it is shared: it is never changed again, and its digest is computed at most once.
final class ContextNode: MustacheParent, MustacheCustomRepresentation, @unchecked Sendable {
    private(set) var keys: [String] = []
    private(set) var values: [Any] = []
    /// Set by `seal()`; from then on the node is only read, from any thread.
    private(set) var isSealed = false
    /// A sealed node's digest, computed when first asked for (most shared nodes never are).
    private var memoizedDigest: Digest?
    private static let digestLock = NSLock()

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

    /// A sealed node's digest, computed once; nil for a node that is not sealed.
    var sealedDigest: Digest? {
        guard isSealed else { return nil }
        Self.digestLock.lock()
        let memo = memoizedDigest
        Self.digestLock.unlock()
        if let memo { return memo }
        var d = Digester("context-node")
        ContextDigest.addFields(of: self, to: &d)
        let digest = d.finish()
        Self.digestLock.lock()
        memoizedDigest = digest
        Self.digestLock.unlock()
        return digest
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

/// Feeds a page context to a digest, every value tagged with its type and every field with its
/// name, so equal digests mean equal contexts. A sealed node adds its stored digest.
enum ContextDigest {
    private static let string = ObjectIdentifier(String.self)
    private static let text = ObjectIdentifier(ContextText.self)
    private static let bool = ObjectIdentifier(Bool.self)
    private static let int = ObjectIdentifier(Int.self)
    private static let node = ObjectIdentifier(ContextNode.self)
    private static let nodeList = ObjectIdentifier([ContextNode].self)
    private static let stringList = ObjectIdentifier([String].self)

    /// Dispatches on the exact type: a conditional cast of an array to another element type would
    /// convert every element, and an empty array would pass for any element type.
    static func add(_ value: Any, to d: inout Digester) {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == text {
            d.add(1); d.add((value as! ContextText).renderText)
        } else if type == string {
            d.add(1); d.add(value as! String)
        } else if type == bool {
            d.add(2); d.add(value as! Bool)
        } else if type == int {
            d.add(3); d.add(value as! Int)
        } else if type == node {
            add(value as! ContextNode, to: &d)
        } else if type == nodeList {
            let list = value as! [ContextNode]
            d.add(6); d.add(list.count)
            for node in list { add(node, to: &d) }
        } else if type == stringList {
            d.add(7); d.add(value as! [String])
        } else {
            // Anything else would be a new kind of context value: describe it rather than ignore it.
            d.add(8); d.add(String(reflecting: value))
        }
    }

    static func add(_ node: ContextNode, to d: inout Digester) {
        if let sealed = node.sealedDigest {
            d.add(4); d.add(sealed)
        } else {
            addFields(of: node, to: &d)
        }
    }

    static func addFields(of node: ContextNode, to d: inout Digester) {
        d.add(5); d.add(node.keys.count)
        for (key, value) in zip(node.keys, node.values) {
            d.add(key)
            add(value, to: &d)
        }
    }
}
