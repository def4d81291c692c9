import Foundation

/// A source file's text, decoded and normalised the way every later stage expects:
/// UTF-8 without a byte order mark, lines ending in `\n`.
public struct SourceText: Sendable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// Decodes `data`, reporting invalid UTF-8 at the line and column where it starts.
    public static func decode(_ data: Data, file: String) throws(Diagnostic) -> SourceText {
        // Nearly every file has no carriage return and no control: checked on its own bytes,
        // it is validated and copied into a String once (the general path below copies twice
        // and reads the text three times).
        let plain: String? = data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            guard let base = bytes.baseAddress else { return "" }
            guard memchr(base, 0x0D, bytes.count) == nil, !TextHygiene.containsForbiddenControl(bytes) else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
        if let plain { return SourceText(text: plain) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .error("file is not valid UTF-8 text", at: firstInvalidUTF8(in: bytes, file: file))
        }
        // A byte test (memchr): String.contains goes through Foundation's locale-aware search.
        let hasCarriageReturn = bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false }
        let normalised =
            hasCarriageReturn
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        try checkControlCharacters(normalised, file: file)
        return SourceText(text: normalised)
    }

    /// Text hygiene: a control character written anywhere in the file (front matter or body)
    /// would reach titles, summaries and the HTML invisibly; it is an error at its place.
    static func checkControlCharacters(_ text: String, file: String) throws(Diagnostic) {
        guard let (offset, scalar) = TextHygiene.firstForbiddenControl(in: text) else { return }
        var line = 1, column = 1
        for character in text.unicodeScalars.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        throw .error(YAMLControlCharacters.message(scalar), at: SourceLocation(file: file, line: line, column: column))
    }

    /// Where the first byte that is not part of a valid UTF-8 sequence is.
    static func firstInvalidUTF8(in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.count
                || String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return SourceLocation(file: file, line: line, column: prefix.unicodeScalars.count + 1)
            }
            if byte == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return SourceLocation(file: file, line: line, column: 1)
    }
}
