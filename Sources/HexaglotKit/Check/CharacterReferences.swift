/// Decodes HTML and XML character references (`&amp;`, `&#39;`, `&#x2F;`) in attribute values
/// and text, so that a URL is compared as the browser will request it.
enum CharacterReferences {
    /// The named references templates and Markdown produce; others are rare in URLs and stay as written.
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "sol": "/", "colon": ":", "num": "#", "quest": "?", "equals": "=", "percnt": "%",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (decoded, length) = reference(at: rest) {
                result += decoded
                rest = rest.dropFirst(length)
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    /// The character a reference at the start of `text` stands for, and how many characters it takes.
    private static func reference(at text: Substring) -> (String, Int)? {
        guard let semicolon = text.prefix(40).firstIndex(of: ";") else { return nil }
        let body = text[text.index(after: text.startIndex)..<semicolon]
        let length = body.count + 2
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let isHex = digits.hasPrefix("x") || digits.hasPrefix("X")
            guard let value = UInt32(isHex ? String(digits.dropFirst()) : String(digits), radix: isHex ? 16 : 10),
                let scalar = Unicode.Scalar(value), value != 0
            else { return nil }
            return (String(Character(scalar)), length)
        }
        return named[String(body)].map { ($0, length) }
    }
}
