/// One of site.yaml's official channels.
struct ChannelData: TemplateData {
    var name: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "channel", "An official channel (site.yaml `channels`).",
        [
            .field("name", \.name, "as site.yaml names it"),
            .field("url", \.url, "its address"),
        ])
}
