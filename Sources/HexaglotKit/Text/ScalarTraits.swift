import Dispatch

/// The Unicode properties that per-character text passes ask for (reading time, bidi runs,
/// heading slugs), read once per Basic Multilingual Plane scalar into a table.
///
/// The standard library's property look-ups cost tens of nanoseconds each, and these passes make
/// them for every character of every page. The table holds exactly what they return (it is
/// read from them, and a test checks it still is), so using it changes no result.
struct ScalarTraits: OptionSet {
    let rawValue: UInt8

    static let alphabetic = ScalarTraits(rawValue: 1 << 0)
    /// `numericType != nil`.
    static let numeric = ScalarTraits(rawValue: 1 << 1)
    static let ideographic = ScalarTraits(rawValue: 1 << 2)
    /// General category Mn.
    static let nonspacingMark = ScalarTraits(rawValue: 1 << 3)
    /// A letter, mark, number or connector punctuation: kept in heading slugs.
    static let keptInSlugs = ScalarTraits(rawValue: 1 << 4)
    /// General category Zs.
    static let spaceSeparator = ScalarTraits(rawValue: 1 << 5)
    /// Chinese, Japanese and other full-width scripts (`CJKText.isWideScript`).
    static let wideScript = ScalarTraits(rawValue: 1 << 6)
    /// Lowercasing changes it (`properties.lowercaseMapping` is not the scalar itself).
    static let changesWhenLowercased = ScalarTraits(rawValue: 1 << 7)

    static func of(_ scalar: Unicode.Scalar) -> ScalarTraits {
        let value = Int(scalar.value)
        return value < basicPlane.count ? ScalarTraits(rawValue: basicPlane[value]) : reading(scalar)
    }

    /// The table itself, for loops over many characters (one access to the global, not one each).
    static func withTable<Result>(_ body: (Lookup) -> Result) -> Result {
        basicPlane.withUnsafeBufferPointer { body(Lookup(table: $0)) }
    }

    struct Lookup {
        let table: UnsafeBufferPointer<UInt8>

        func callAsFunction(_ value: UInt32) -> ScalarTraits {
            if value < 0x10000 { return ScalarTraits(rawValue: table[Int(value)]) }
            return Unicode.Scalar(value).map(ScalarTraits.reading) ?? []
        }
    }

    /// Indexed by scalar value; surrogate code points, which are not scalars, have no traits.
    /// Decoded from the runs in `ScalarTraitsTable.swift`, which `TextFastPathTests` checks against
    /// `readBasicPlane()`: reading the properties of 65,536 scalars at each start cost 141 M
    /// instructions (40 ms of CPU), a seventh of a warm build of the bench site.
    private static let basicPlane: [UInt8] = RunLengthTable.decode(basicPlaneRuns)

    /// The table as the standard library gives it (what `ScalarTraitsTable.swift` must hold).
    static func readBasicPlane() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 0x10000) { table, count in
            nonisolated(unsafe) let slots = table
            let chunk = 0x1000
            DispatchQueue.concurrentPerform(iterations: 0x10000 / chunk) { part in
                for value in part * chunk..<(part + 1) * chunk {
                    (slots.baseAddress! + value).initialize(to: Unicode.Scalar(UInt32(value)).map { reading($0).rawValue } ?? 0)
                }
            }
            count = 0x10000
        }
    }

    static func reading(_ scalar: Unicode.Scalar) -> ScalarTraits {
        let properties = scalar.properties
        var traits: ScalarTraits = []
        if CJKText.isWideScript(scalar) { traits.insert(.wideScript) }
        if properties.lowercaseMapping.unicodeScalars.elementsEqual([scalar]) == false { traits.insert(.changesWhenLowercased) }
        if properties.isAlphabetic { traits.insert(.alphabetic) }
        if properties.numericType != nil { traits.insert(.numeric) }
        if properties.isIdeographic { traits.insert(.ideographic) }
        switch properties.generalCategory {
        case .nonspacingMark:
            traits.formUnion([.nonspacingMark, .keptInSlugs])
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
            traits.insert(.keptInSlugs)
        case .spaceSeparator:
            traits.insert(.spaceSeparator)
        default:
            break
        }
        return traits
    }
}
