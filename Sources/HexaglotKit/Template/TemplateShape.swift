/// The fields a typed template value has: their names, kinds and meaning. Templates are checked
/// against shapes before anything is rendered (`TemplateChecker`), and the README's list of
/// template fields is made from them.
final class TemplateShape: Sendable {
    /// How the README and messages name values of this shape (`page`, `list entry`).
    let name: String
    let summary: String
    let fields: [TemplateField]
    private let slots: [String: Int]
    /// The slot of each key by its `TemplateKey.id` (-1: no such field), for the renderer.
    private let slotsByKey: [Int]

    init(_ name: String, _ summary: String, fields: [TemplateField]) {
        self.name = name
        self.summary = summary
        self.fields = fields
        var slots: [String: Int] = [:]
        for (slot, field) in fields.enumerated() {
            precondition(slots.updateValue(slot, forKey: field.name) == nil, "\(name): field '\(field.name)' twice")
        }
        self.slots = slots
        let ids = fields.map { TemplateKeyRegistry.shared.id(of: $0.name) }
        var slotsByKey = [Int](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (slot, id) in ids.enumerated() { slotsByKey[id] = slot }
        self.slotsByKey = slotsByKey
    }

    @inline(__always)
    func slot(of key: TemplateKey) -> Int? { slot(ofKey: key.id) }

    @inline(__always)
    func slot(ofKey id: Int) -> Int? {
        guard id < slotsByKey.count else { return nil }
        let slot = slotsByKey[id]
        return slot < 0 ? nil : slot
    }

    func field(_ key: String) -> TemplateField? { slots[key].map { fields[$0] } }
}

/// One field of a shape.
struct TemplateField: Sendable {
    let name: String
    let kind: TemplateKind
    /// Some values of the shape have no such field (a page without a date).
    let isOptional: Bool
    let documentation: String
}

/// What a field holds, as far as a template can tell.
indirect enum TemplateKind: Sendable {
    case text
    case markup
    case number
    case flag
    case list(TemplateKind)
    case object(TemplateShape)
    /// The site's own keys (`params`): any name may be looked up in it.
    case open
    /// Values of one shape under names the site chooses (`page.images.hero`, for the front
    /// matter fields site.yaml lists): any name, then the shape's fields, checked.
    case keyed(TemplateShape)
    /// UI strings by key (`i18n`): a key no language has is warned about.
    case strings

    /// `text`, `list of page entry`: as the README shows it.
    var description: String {
        switch self {
        case .text: return "text"
        case .markup: return "HTML"
        case .number: return "number"
        case .flag: return "true/false"
        case .list(let element): return "list of " + element.description
        case .object(let shape): return shape.name
        case .open: return "the site's own keys"
        case .keyed(let shape): return shape.name + " by the site's own keys"
        case .strings: return "UI strings by key"
        }
    }
}
