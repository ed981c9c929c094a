/// Editor text as a diagnostic quotes it: characters that show as nothing (or as a plain space) in a
/// terminal are written as escapes, so `'country'` and `'country\u{200B}'` do not look alike and a
/// bidi control cannot reorder the message around it.
public enum Visible {
    /// `text` between single quotes, its invisible characters escaped.
    public static func quoted(_ text: String) -> String {
        "'" + self.text(text) + "'"
    }

    /// `text` with controls (`\t`, `\n`, `\r`, `\u{0}`…), format characters (zero-width spaces and
    /// joiners, bidi marks, embeddings, overrides and isolates, the byte-order mark), line and
    /// paragraph separators and every space but U+0020 written as escapes.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case _ where isInvisible(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        case .spaceSeparator: return scalar != " "
        default: return false
        }
    }
}
