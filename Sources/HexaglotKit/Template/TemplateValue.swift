/// A value as templates see it: the typed template data (`PageData`, `SiteData`…) lowered once,
/// so the renderer tells values apart by their case, never by a dynamic cast.
enum TemplateValue: Sendable {
    case text(String)
    /// Already markup (a page's rendered body, JSON-LD), as UTF-8: written as it is by `{{{…}}}`.
    case markup([UInt8])
    case number(Int)
    case decimal(Double)
    case flag(Bool)
    case list([TemplateValue])
    /// Typed data: the fields its shape declares, by slot; nil slots are absent.
    case object(TemplateObject)
    /// Open-ended data whose keys are the site's own (`params`, i18n strings).
    case map([String: TemplateValue])

    /// The value of `key` in an object or map; nil for anything else or an absent field.
    @inline(__always)
    func child(_ key: TemplateKey) -> TemplateValue? {
        switch self {
        case .object(let object): return object[key]
        case .map(let map): return map[key.text]
        default: return nil
        }
    }
}

/// The fields of one typed value, by slot of its shape.
struct TemplateObject: Sendable {
    let shape: TemplateShape
    let slots: [TemplateValue?]

    init(shape: TemplateShape, slots: [TemplateValue?]) {
        assert(slots.count == shape.fields.count, "\(shape.name): \(slots.count) values for \(shape.fields.count) fields")
        self.shape = shape
        self.slots = slots
    }

    @inline(__always)
    subscript(key: TemplateKey) -> TemplateValue? { self[id: key.id] }

    /// The field whose key has number `id` (`TemplateKey.id`).
    @inline(__always)
    subscript(id id: Int) -> TemplateValue? {
        guard let slot = shape.slot(ofKey: id) else { return nil }
        return slots[slot]
    }
}

extension TemplateValue {
    /// Plain Swift values as JSON reads them (strings, numbers, booleans, arrays, dictionaries):
    /// for test data such as the Mustache specification's, and YAML values the site writes.
    init(plain value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let number as Double: self = .decimal(number)
        case let items as [Any]: self = .list(items.map(TemplateValue.init(plain:)))
        case let map as [String: Any]: self = .map(map.mapValues(TemplateValue.init(plain:)))
        default: self = .text(String(describing: value))
        }
    }
}
