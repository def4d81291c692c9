import Foundation

/// How search folds characters, the same in `Script/search.js` (a test runs both on the same
/// text): which characters make words, which are Han, and what each becomes before and after
/// stemming. Decided per character, never per string, so an excerpt can be cut from the
/// original text at the places the folded words came from.
enum SearchFolding {
    /// Han ideographs (and kana, written without spaces too): indexed as characters and
    /// overlapping pairs of characters, not as words.
    static func isHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E80...0x2FDF, 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3040...0x30FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
            return true
        default: return false
        }
    }

    /// Letters, marks and digits make words; everything else (spaces, punctuation, apostrophes,
    /// so `l'eau` gives `l` and `eau`) separates them.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if scalar.value < tableEnd { return table.classes[Int(scalar.value)] != 0 }
        return isWordCharacterByCategory(scalar)
    }

    private static func isWordCharacterByCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    /// Before stemming: full-width forms to ASCII, Arabic without harakat and tatweel and with
    /// one form of alef, ta marbuta, alef maqsura and digits, ё as е, then lower case. An empty
    /// result drops the character but keeps the word whole (a tatweel does not split a word).
    static func foldBeforeStemming(_ scalar: Unicode.Scalar, into word: inout String) {
        let value = scalar.value
        if value < 0x80 {
            word.unicodeScalars.append(Unicode.Scalar(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)!)
        } else if value < tableEnd {
            word += table.folded[Int(value)]
        } else {
            foldBeforeStemmingSlowly(scalar, into: &word)
        }
    }

    private static func foldBeforeStemmingSlowly(_ scalar: Unicode.Scalar, into word: inout String) {
        var value = scalar.value
        if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }
        switch value {
        case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            return
        case 0x0622, 0x0623, 0x0625, 0x0671: value = 0x0627
        case 0x0629: value = 0x0647
        case 0x0649, 0x06CC: value = 0x064A
        case 0x0660...0x0669: value -= 0x0660 - 0x30
        case 0x06F0...0x06F9: value -= 0x06F0 - 0x30
        case 0x0401, 0x0451: value = 0x0435
        default: break
        }
        let folded = Unicode.Scalar(value)!
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { value += 0x20 }
            word.unicodeScalars.append(Unicode.Scalar(value)!)
        } else if folded.properties.changesWhenLowercased {
            word += folded.properties.lowercaseMapping
        } else {
            word.unicodeScalars.append(folded)
        }
    }

    /// After stemming: Latin letters without their diacritics (é → e, ñ → n) and œ, æ as two
    /// letters. Other scripts keep their marks: Russian й stays й.
    static func foldAfterStemming(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return word }
        var result = String.UnicodeScalarView()
        var afterLatin = false
        for scalar in word.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                result.append(scalar)
                afterLatin = true
            } else if let folded = latinTable[scalar] {
                result.append(contentsOf: folded.unicodeScalars)
                afterLatin = true
            } else if afterLatin && isMark(scalar) {
                continue
            } else {
                result.append(scalar)
                afterLatin = false
            }
        }
        let text = String(result)
        return text
    }

    /// `foldAfterStemming` on UTF-8, into `result`.
    static func foldAfterStemming(_ word: UnsafeBufferPointer<UInt8>, into result: inout [UInt8]) {
        result.removeAll(keepingCapacity: true)
        var afterLatin = false
        var index = 0
        while index < word.count {
            let (value, length) = scalar(in: word, at: index)
            if value < 0x80 {
                result.append(UInt8(value))
                afterLatin = true
            } else if let folded = latinUTF8[value] {
                result += folded
                afterLatin = true
            } else if afterLatin && scalarClass(value) == markClass {
                // dropped: a diacritic of a Latin letter
            } else {
                result += word[index..<index + length]
                afterLatin = false
            }
            index += length
        }
    }

    /// The scalar whose UTF-8 starts at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = text[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6 | UInt32(text[index + 2] & 0x3F), 3)
        }
        let value =
            UInt32(lead & 0x07) << 18 | UInt32(text[index + 1] & 0x3F) << 12 | UInt32(text[index + 2] & 0x3F) << 6
            | UInt32(text[index + 3] & 0x3F)
        return (value, 4)
    }

    private static let latinUTF8: [UInt32: [UInt8]] = latinTable.reduce(into: [:]) { $0[$1.key.value] = Array($1.value.utf8) }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < tableEnd { return table.classes[Int(scalar.value)] == 2 }
        return isMarkByCategory(scalar)
    }

    private static func isMarkByCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Latin-1 Supplement to Latin Extended-B and Latin Extended Additional, each letter
    /// decomposed with its marks dropped; only the letters that change are listed.
    private static let latinTable: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = ["œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"]
        for value in Array(0x00C0...0x024F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value), table[scalar] == nil else { continue }
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !isMark($0) }
            let folded = String(String.UnicodeScalarView(base))
            if folded != String(scalar) { table[scalar] = folded }
        }
        return table
    }()

    /// What the byte analyser (`SearchVocabulary`) asks of each character: its class, and below
    /// U+0800 its folded UTF-8, both worked out once by the functions above.
    static let separatorClass: UInt8 = 0, wordClass: UInt8 = 1, markClass: UInt8 = 2, hanClass: UInt8 = 3

    static func scalarClass(_ value: UInt32) -> UInt8 {
        if value < 0x10000 { return planeClasses[Int(value)] }
        if isHan(value) { return hanClass }
        guard let scalar = Unicode.Scalar(value) else { return separatorClass }
        return isMarkByCategory(scalar) ? markClass : isWordCharacterByCategory(scalar) ? wordClass : separatorClass
    }

    /// The Basic Multilingual Plane's classes (64 KB), embedded as runs (`SearchFoldingTable.swift`,
    /// checked against `readPlaneClasses` by `TextFastPathTests`): working them out took 27 M
    /// instructions whenever a build indexed anything or probed this binary's analyser.
    private static let planeClasses: [UInt8] = RunLengthTable.decode(planeClassRuns)

    /// The classes as the functions above give them (what `SearchFoldingTable.swift` must hold).
    static func readPlaneClasses() -> [UInt8] {
        (0..<UInt32(0x10000)).map { value in
            if isHan(value) { return hanClass }
            guard let scalar = Unicode.Scalar(value) else { return separatorClass }
            if value < 0x80 { return isWordCharacter(scalar) ? wordClass : separatorClass }
            if value < tableEnd { return table.classes[Int(value)] }
            return isMarkByCategory(scalar) ? markClass : isWordCharacterByCategory(scalar) ? wordClass : separatorClass
        }
    }

    /// `foldBeforeStemming` below U+0800 as UTF-8: scalar `v`'s bytes are
    /// `foldedUTF8.bytes[starts[v] ..< starts[v + 1]]` (none: the character is dropped).
    static let foldedUTF8: (bytes: [UInt8], starts: [Int32]) = {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for value in 0..<tableEnd {
            if value < 0x80 {
                bytes.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value))
            } else {
                bytes += table.folded[Int(value)].utf8
            }
            starts.append(Int32(bytes.count))
        }
        return (bytes, starts)
    }()

    static let foldedTableEnd = tableEnd

    /// Below U+0800 (Latin, Greek, Cyrillic, Arabic and their neighbours) the answers are looked
    /// up: worked out once by the functions above, so they cannot differ from them.
    private static let tableEnd: UInt32 = 0x800
    private static let table: (classes: [UInt8], folded: [String]) = {
        var classes = [UInt8](repeating: 0, count: Int(tableEnd))
        var folded = [String](repeating: "", count: Int(tableEnd))
        for value in 0..<tableEnd {
            guard let scalar = Unicode.Scalar(value) else { continue }
            classes[Int(value)] = isMarkByCategory(scalar) ? 2 : isWordCharacterByCategory(scalar) ? 1 : 0
            if value >= 0x80 { foldBeforeStemmingSlowly(scalar, into: &folded[Int(value)]) }
        }
        return (classes, folded)
    }()
}
