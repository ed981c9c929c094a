import Foundation

/// A file of the finished site: its path under the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    /// Nil when an incremental build found the file already current in the output folder.
    public var data: Data? {
        get { contents?.data }
        set { contents = newValue.map(Contents.bytes) }
    }
    /// What is written: a rendered page stays the String it was rendered as, whose UTF-8 is written
    /// as it is (a copy of every page as `Data` would hold every page's bytes twice); an asset is
    /// its bytes.
    package var contents: Contents?
    /// For pages, the digest of what they are made of (`PageDependencies`), which the build cache
    /// records; nil without a cache.
    package var digest: Digest?

    package enum Contents: Sendable, Hashable {
        case text(String)
        case bytes(Data)

        var data: Data {
            switch self {
            case .text(let text): return Data(text.utf8)
            case .bytes(let data): return data
            }
        }

        package func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            switch self {
            case .text(var text): return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
            case .bytes(let data): return try data.withUnsafeBytes(body)
            }
        }
    }

    package init(path: String, data: Data?, digest: Digest? = nil) {
        self.init(path: path, contents: data.map(Contents.bytes), digest: digest)
    }

    package init(path: String, contents: Contents?, digest: Digest? = nil) {
        self.path = path
        self.contents = contents
        self.digest = digest
    }
}
