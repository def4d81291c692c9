/// An entry of the language's menu.
struct MenuEntry: TemplateData {
    var title: String
    var url: String
    var isCurrent: Bool

    static let templateFields = TemplateFields<Self>(
        "menu entry", "An entry of the menu (front matter `menu`).",
        [
            .field("title", \.title, "its page's title"),
            .field("url", \.url, "its page"),
            .field("isCurrent", \.isCurrent, "the page being rendered is it or inside it"),
        ])
}
