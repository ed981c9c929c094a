// Each record's kind, as the loader and the build cache name it (`MarkdownRecord.kind`). Declared
// beside the records: a static `kind` from another module would hide `Entity.kind` and
// `Annotation.kind` in every module that imports both.
extension Article { package static let kind = "article" }
extension Entity { package static let kind = "entity" }
extension Annotation { package static let kind = "annotation" }
