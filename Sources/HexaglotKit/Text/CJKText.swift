/// Facts about scripts written without spaces between words.
public enum CJKText {
    /// Han, kana, CJK punctuation and full-width forms: scripts where a line break inside a
    /// paragraph is not a space. Hangul is not among them: Korean separates words with spaces.
    public static func isWideScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF,  // CJK radicals, Kangxi radicals
            0x3000...0x303F,  // CJK symbols and punctuation
            0x3040...0x30FF,  // Hiragana, Katakana
            0x3100...0x312F,  // Bopomofo
            0x31F0...0x31FF,  // Katakana phonetic extensions
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF00...0xFF60,  // full-width forms
            0xFFE0...0xFFE6,
            0x20000...0x3134F:  // CJK extensions B–G
            return true
        default:
            return false
        }
    }
}
