/// One language of the site, as declared in site.yaml.
public struct Language: Hashable, Sendable {
    public enum Direction: String, Sendable {
        case leftToRight = "ltr"
        case rightToLeft = "rtl"
    }

    /// The URL part and folder name: `zh`.
    public var code: String
    /// The language's name in its own script: `中文`.
    public var name: String
    /// BCP 47 tag for `lang`, `hreflang` and date formatting: `zh-Hans`.
    public var locale: String
    public var direction: Direction

    public init(code: String, name: String, locale: String? = nil, direction: Direction = .leftToRight) {
        self.code = code
        self.name = name
        self.locale = locale ?? code
        self.direction = direction
    }
}
