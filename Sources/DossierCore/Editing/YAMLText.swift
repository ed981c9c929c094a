import DossierModel

/// Front-matter values written the way the dossier's own files write them: ids and simple names
/// plain, everything else double-quoted with YAML's escapes, so any editor text loads back as it was.
enum YAMLText {
    /// `"text"`, with `\` and `"` escaped and every control or format character (bidi marks, zero-width
    /// spaces, line breaks) as `\u` escapes: visible in the file, and the same text once loaded.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where Visible.isInvisible(scalar) && scalar != " ":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += scalar.value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                                                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Plain when the text is only letters, digits, marks and single inner spaces (`name: بروكسل`,
    /// `kind: place`, an id), which YAML reads as that string; quoted otherwise.
    static func plainOrQuoted(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, first != " ", last != " " else { return quoted(text) }
        let plain = scalars.allSatisfy { s in
            s == " " || s == "-" || s.properties.isAlphabetic || s.properties.numericType != nil
                || s.properties.generalCategory == .nonspacingMark
        }
        // A leading hyphen or digit could read as a list item or a number; words YAML reads as
        // booleans or null stay quoted.
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        guard plain, first != "-", first.properties.numericType == nil, !reserved.contains(text.lowercased()),
              !text.contains("  ") else { return quoted(text) }
        return text
    }

    /// `key: [a, b]`, items plain or quoted.
    static func flowList(_ key: String, _ items: [String]) -> String {
        "\(key): [\(items.map(plainOrQuoted).joined(separator: ", "))]"
    }

    /// `key:` then one `  - item` line per item.
    static func blockList(_ key: String, _ items: [String], quoting: (String) -> String = plainOrQuoted) -> [String] {
        ["\(key):"] + items.map { "  - " + quoting($0) }
    }
}
