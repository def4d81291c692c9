/// Finding left-to-right runs (Latin, Cyrillic, Greek names, abbreviations, URLs) inside
/// right-to-left text, so they can be isolated.
public enum BidiRuns {
    /// Arabic, Hebrew, Syriac, Thaana, N'Ko and their presentation forms.
    public static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// A letter of a left-to-right script.
    static func isStrongLeftToRight(_ scalar: Unicode.Scalar) -> Bool {
        ScalarTraits.withTable { isStrongLeftToRight(scalar, $0) }
    }

    private static func isStrongLeftToRight(_ scalar: Unicode.Scalar, _ traitsOf: ScalarTraits.Lookup) -> Bool {
        // Below U+0041 nothing is a letter: digits, spaces and punctuation are decided at once.
        guard scalar.value >= 0x41 else { return false }
        let traits = traitsOf(scalar.value)
        return traits.contains(.alphabetic) && !traits.contains(.nonspacingMark) && !isRightToLeft(scalar)
    }

    /// Ranges of `text` that start and end with a left-to-right letter or digit, joined over
    /// spaces and the punctuation inside names (`BAT/BEP`, `UNIDO's`, `e-waste`), and contain at
    /// least one left-to-right letter. Empty when the text has no right-to-left letter at all.
    public static func leftToRightRuns(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: isRightToLeft) else { return [] }
        // One access to the traits table for the whole text (`ScalarTraits.of` reads the global each time).
        return ScalarTraits.withTable { traitsOf in
            var runs: [Range<String.Index>] = []
            var index = scalars.startIndex
            while index < scalars.endIndex {
                guard isStrongLeftToRight(scalars[index], traitsOf) else {
                    index = scalars.index(after: index)
                    continue
                }
                let start = index
                var end = scalars.index(after: index)
                var probe = end
                while probe < scalars.endIndex {
                    let scalar = scalars[probe]
                    if isStrongLeftToRight(scalar, traitsOf) || traitsOf(scalar.value).contains(.numeric) {
                        probe = scalars.index(after: probe)
                        end = probe
                    } else if " -/.'’&+_:".unicodeScalars.contains(scalar) {
                        probe = scalars.index(after: probe)
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
}
