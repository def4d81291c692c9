import Foundation

/// Unicode normal forms used for names: NFC for URLs and file names (macOS writes names in NFD,
/// Linux and Windows keep what they are given), NFKC with case folding for tags.
public enum UnicodeForms {
    /// NFC through Foundation, skipped when the standard library's quick check finds the text
    /// already in NFC (most names): Foundation's normalisation was most of a slug's cost.
    /// Foundation leaves such text unchanged too (TextFastPathTests checks every scalar).
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if #available(macOS 26, *) {
            var span = text.utf8Span
            if span.checkForNFC(quickCheck: true) { return text }
        }
        return text.precomposedStringWithCanonicalMapping
    }

    /// NFKC, case folded, NFKC again (Unicode's NFKC_Casefold, closely): `Ozone`, `OZONE` and
    /// full-width `ＯＺＯＮＥ` are one name.
    static func nfkcCaseFolded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping
            .folding(options: .caseInsensitive, locale: nil)
            .precomposedStringWithCompatibilityMapping
    }
}
