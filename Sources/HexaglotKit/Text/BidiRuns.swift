/// Finding left-to-right runs (Latin, Cyrillic, Greek names, abbreviations, URLs) inside
/// right-to-left text, so they can be isolated.
public enum BidiRuns {
    /// Arabic, Hebrew, Syriac, Thaana, N'Ko and their presentation forms.
    public static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        isRightToLeft(scalar.value)
    }

    private static func isRightToLeft(_ value: UInt32) -> Bool {
        switch value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// A letter of a left-to-right script.
    static func isStrongLeftToRight(_ scalar: Unicode.Scalar) -> Bool {
        ScalarTraits.withTable { isStrongLeftToRight(scalar.value, $0) }
    }

    private static func isStrongLeftToRight(_ value: UInt32, _ traitsOf: ScalarTraits.Lookup) -> Bool {
        // Below U+0041 nothing is a letter: digits, spaces and punctuation are decided at once.
        guard value >= 0x41 else { return false }
        let traits = traitsOf(value)
        return traits.contains(.alphabetic) && !traits.contains(.nonspacingMark) && !isRightToLeft(value)
    }

    /// Ranges of `text` that start and end with a left-to-right letter or digit, joined over
    /// spaces and the punctuation inside names (`BAT/BEP`, `UNIDO's`, `e-waste`), and contain at
    /// least one left-to-right letter. Empty when the text has no right-to-left letter at all.
    public static func leftToRightRuns(in text: String) -> [Range<String.Index>] {
        var bytes = text
        let offsets = bytes.withUTF8 { leftToRightRuns(inUTF8: $0) }
        let utf8 = text.utf8
        return offsets.map { utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound) }
    }

    /// The same runs as byte ranges of valid UTF-8 (a cmark-gfm literal, which need not become a
    /// String when it has no right-to-left letter: most text nodes of a page).
    static func leftToRightRuns(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // Right-to-left letters start with a lead byte of 0xD6 or more (U+0590 and above);
        // continuation bytes are all below it, so they are skipped one by one.
        var index = 0
        var hasRightToLeft = false
        while index < bytes.count {
            guard bytes[index] >= 0xD6 else {
                index += 1
                continue
            }
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            if isRightToLeft(value) {
                hasRightToLeft = true
                break
            }
            index += length
        }
        guard hasRightToLeft else { return [] }
        // One access to the traits table for the whole text (`ScalarTraits.of` reads the global each time).
        return ScalarTraits.withTable { traitsOf in
            var runs: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                // Most of an Arabic text is two-byte letters of U+05C0…U+07FF (lead bytes D7…DF,
                // all right-to-left) and ASCII spaces and punctuation: both are passed over
                // without decoding or a table look-up.
                let lead = bytes[index]
                if lead < 0x80 {
                    guard (lead | 0x20) &- 0x61 < 26 else {
                        index += 1
                        continue
                    }
                } else if lead >= 0xD7 && lead <= 0xDF {
                    index += 2
                    continue
                }
                let (value, length) = UTF8Scalar.decode(bytes, at: index)
                guard isStrongLeftToRight(value, traitsOf) else {
                    index += length
                    continue
                }
                let start = index
                var end = index + length
                var probe = end
                while probe < bytes.count {
                    let (next, nextLength) = UTF8Scalar.decode(bytes, at: probe)
                    if isStrongLeftToRight(next, traitsOf) || traitsOf(next).contains(.numeric) {
                        probe += nextLength
                        end = probe
                    } else if isJoinerInsideNames(next) {
                        probe += nextLength
                    } else {
                        break
                    }
                }
                runs.append(start..<end)
                index = end
            }
            return runs
        }
    }

    /// ` -/.'’&+_:`: what joins the words of a name (`BAT/BEP`, `UNIDO's`, `e-waste`).
    private static func isJoinerInsideNames(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x2D, 0x2F, 0x2E, 0x27, 0x2019, 0x26, 0x2B, 0x5F, 0x3A: return true
        default: return false
        }
    }
}
