/// Pairs a source page's units with those of a translation made without import (by hand), by
/// structure: front matter fields by name; body units in order, when both pages have the same
/// sequence of unit kinds with the same markup (the same tags of the same kinds in the same
/// order). Where the structures differ nothing is guessed: the body's units are unaligned.
struct UnitAlignment {
    var pairs: [(source: TranslationUnit, target: TranslationUnit)] = []
    /// Source units with words that found no partner.
    var unaligned = 0

    init(source: [TranslationUnit], translation: [TranslationUnit]) {
        let sourceFields = source.filter(\.isField), targetFields = translation.filter(\.isField)
        for field in sourceFields {
            if let partner = targetFields.first(where: { $0.place == field.place }) { pairs.append((field, partner)) } else { unaligned += 1 }
        }
        let sourceBody = source.filter { !$0.isField }, targetBody = translation.filter { !$0.isField }
        guard sourceBody.map(Self.shape) == targetBody.map(Self.shape) else {
            unaligned += sourceBody.filter(\.hasWords).count
            return
        }
        for (unit, partner) in zip(sourceBody, targetBody) where unit.hasWords && partner.hasWords {
            pairs.append((unit, partner))
        }
    }

    /// What must agree for two units to be one block in two languages.
    private static func shape(_ unit: TranslationUnit) -> String {
        let tags = unit.tags.keys.sorted().map { XLIFFWriter.ctype(of: unit.tags[$0]!) }
        return unit.resname + " " + tags.joined(separator: ",") + " " + String(describing: SegmentPiece.tagIDs(unit.source))
    }
}

extension TranslationUnit {
    var isField: Bool {
        if case .field = place { return true }
        return false
    }
}
