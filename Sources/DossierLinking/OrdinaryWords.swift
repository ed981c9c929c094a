import ArabicText

/// Ordinary Arabic words that news writing also uses as names, epithets or short forms of them,
/// normalised: a one-word alias among them links wherever the word is used in its plain sense.
enum OrdinaryWords {
    static let words: Set<String> = Set([
        "البرهان", "الأمل", "النور", "السلام", "الحرية", "العدل", "العدالة", "الوطن", "الشرق", "الغرب",
        "الجنوب", "الشمال", "الاتحاد", "الأمن", "النصر", "الفجر", "الحق", "الشعب", "الدولة", "الثورة",
        "الحرب", "الجيش", "المجلس", "الحكومة", "الرئيس", "الحزب", "الجبهة", "التحالف", "المستقبل",
        "الوفاق", "التنمية", "البناء", "الإصلاح", "التغيير", "الكرامة", "الصمود", "المقاومة", "الشباب",
        "الرابطة", "الجماعة", "الحركة", "القيادة", "الوحدة", "الاستقلال", "الأحرار", "الخليج", "المغرب",
        "الجزيرة", "الأهرام", "الرياض", "الأمانة", "المنظمة", "الحرس", "الدعم", "الإنقاذ",
    ].map(ArabicNormalizer.key))

    static func contains(_ key: String) -> Bool { words.contains(key) }

    /// A definite word ending like an adjective of origin (nisba): ال…ي or ال…ية.
    static func isNisbaForm(_ key: String) -> Bool {
        key.hasPrefix("ال") && key.count >= 5 && (key.hasSuffix("يه") || key.hasSuffix("ي"))
    }
}
