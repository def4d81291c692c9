import Foundation

/// Where each line of a text starts, to turn positions (byte offsets, or indices of the text it
/// was made from) into the line and column an editor shows; columns count Unicode scalars, as
/// diagnostics do.
struct LineIndex {
    private let bytes: [UInt8]
    /// Byte offset of each line's first byte; line 1 starts at 0.
    private let starts: [Int]
    private let text: String?

    init(_ bytes: [UInt8]) {
        self.init(bytes: bytes, text: nil)
    }

    init(_ text: String) {
        self.init(bytes: Array(text.utf8), text: text)
    }

    private init(bytes: [UInt8], text: String?) {
        self.bytes = bytes
        self.text = text
        var starts = [0]
        // memchr from line feed to line feed: a page's links are located on every build, and the
        // byte loop was most of that.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    /// The 1-based line holding the byte at `offset`.
    func line(at offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The 1-based column, in scalars, of the byte `byteColumn - 1` bytes into `line`.
    func column(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= starts.count else { return max(byteColumn, 1) }
        let start = starts[line - 1]
        let end = min(start + max(byteColumn - 1, 0), bytes.count)
        // Count the bytes that start a scalar: all but UTF-8 continuation bytes (10xxxxxx),
        // eight at a time (every link of every page is located, and paragraphs are long lines).
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var index = start
            var continuations = 0
            while index + 8 <= end {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            while index < end {
                if buffer[index] & 0xC0 == 0x80 { continuations += 1 }
                index += 1
            }
            return end - start - continuations + 1
        }
    }

    /// The byte offset where the 1-based `line` starts (the end of the text past the last line).
    func offset(ofLine line: Int) -> Int {
        guard line >= 1 else { return 0 }
        return line <= starts.count ? starts[line - 1] : bytes.count
    }

    /// Line and column of the byte at `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let line = line(at: offset)
        return (line, column(line: line, byteColumn: offset - starts[line - 1] + 1))
    }

    /// 1-based line of an index of the text the index was made from.
    func line(of index: String.Index) -> Int { line(at: offset(of: index)) }

    /// 1-based column of an index of the text the index was made from.
    func column(of index: String.Index) -> Int { position(of: offset(of: index)).column }

    private func offset(of index: String.Index) -> Int {
        guard let text else { preconditionFailure("LineIndex made from bytes has no String indices") }
        return text.utf8.distance(from: text.startIndex, to: index)
    }
}
