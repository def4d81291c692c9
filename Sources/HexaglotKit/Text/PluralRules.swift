public enum PluralRules {
    /// The CLDR category of a non-negative whole number in a language (BCP 47 tag or code).
    public static func category(of n: Int, language: String) -> PluralCategory {
        let code = language.lowercased().split(separator: "-").first.map(String.init) ?? ""
        let n = abs(n)
        switch code {
        case "zh", "ja", "ko", "th", "vi", "id", "ms", "my", "lo", "km":
            return .other
        case "ru", "uk", "be":
            let mod10 = n % 10, mod100 = n % 100
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "ar":
            let mod100 = n % 100
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(mod100) { return .few }
                if (11...99).contains(mod100) { return .many }
                return .other
            }
        case "fr", "pt":
            // CLDR: one for 0 and 1; many for millions (c/e exponent forms aside).
            if n == 0 || n == 1 { return .one }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        case "es", "it", "ca":
            if n == 1 { return .one }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        case "pl":
            let mod10 = n % 10, mod100 = n % 100
            if n == 1 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        default:
            return n == 1 ? .one : .other
        }
    }
}
