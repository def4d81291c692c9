#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files directly in one folder, as their number and a digest of their names that does not
/// depend on their order: the record keeps one for the photos' variant folder, so the next build
/// learns with one listing of the old `img/` that it holds exactly the files the record names,
/// instead of looking up two thousand names one by one.
///
/// The digest is two independent 64-bit hashes of each name, summed: two different sets of
/// names of the same size that agree in all 128 bits do not occur by accident.
struct FolderSummary: Equatable, Sendable {
    var count = 0
    var first: UInt64 = 0
    var second: UInt64 = 0

    /// Adds one name (its bytes, without the folder). Eight bytes at a time: the folder's two
    /// thousand names are hashed three times a warm rebuild (the old folder listed when the build
    /// starts and again at the swap, the new names once), and a byte at a time was most of that.
    mutating func add(name bytes: UnsafeBufferPointer<UInt8>) {
        var one: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var other: UInt64 = 0x9e37_79b9_7f4a_7c15
        func mix(_ word: UInt64) {
            one = (one ^ word) &* 0x0000_0100_0000_01B3
            one ^= one >> 32
            other = (other &+ word) &* 0xff51_afd7_ed55_8ccd
            other ^= other >> 29
        }
        var at = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while at + 8 <= bytes.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                at += 8
            }
        }
        if at < bytes.count {
            var tail: UInt64 = 0
            for (shift, byte) in bytes[at...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            mix(tail)
        }
        count += 1
        first &+= Self.finish(one)
        second &+= Self.finish(other ^ 0xc4ce_b9fe_1a85_ec53)
    }

    /// Adds the names `other` summarises (the sums are of each name's hashes, so in any order).
    mutating func add(_ other: FolderSummary) {
        count += other.count
        first &+= other.first
        second &+= other.second
    }

    mutating func add(name bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        add(name: UnsafeBufferPointer(rebasing: bytes))
    }

    /// SplitMix64's finaliser: spreads every input bit over the word before the sum.
    private static func finish(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The summary of the paths directly in `folder` (`img/x.jpg`, not `img/a/x.jpg`).
    init<Paths: Sequence<String>>(paths: Paths, directlyIn folder: String) {
        let prefix = Array((folder + "/").utf8)
        for path in paths {
            var path = path
            path.withUTF8 { bytes in
                guard bytes.count > prefix.count, bytes.starts(with: prefix),
                    !bytes[prefix.count...].contains(UInt8(ascii: "/"))
                else { return }
                add(name: bytes[prefix.count...])
            }
        }
    }

    init() {}

    /// Whether `path` names a file directly in `folder` (`img/x.jpg`, not `img/a/x.jpg`).
    static func lies(_ path: String, directlyIn folder: String) -> Bool {
        // On contiguous bytes: the generic calls on two UTF-8 views cost 2,000 instructions a path.
        var path = path, folder = folder
        return path.withUTF8 { bytes in
            folder.withUTF8 { prefix in
                guard bytes.count > prefix.count + 1, prefix.isEmpty || memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0,
                    bytes[prefix.count] == UInt8(ascii: "/")
                else { return false }
                return memchr(bytes.baseAddress! + prefix.count + 1, Int32(UInt8(ascii: "/")), bytes.count - prefix.count - 1) == nil
            }
        }
    }

    /// The summary of `folder` on disk when it holds only regular files (nil when it holds
    /// anything else, or cannot be read): one `readdir`, names hashed from its buffer.
    static func ofRegularFiles(in folder: String) -> FolderSummary? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var summary = FolderSummary()
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let bytes = raw.bindMemory(to: UInt8.self)
                let name = UnsafeBufferPointer(
                    start: bytes.baseAddress, count: strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count))
                if name.count <= 2 && name.allSatisfy({ $0 == UInt8(ascii: ".") }) { return true }
                summary.add(name: name)
                return false
            }
            let type = entry.pointee.d_type
            if isDot || type == UInt8(DT_REG) { continue }
            guard type == UInt8(DT_UNKNOWN) else { return nil }
            // Some file systems do not fill in the type: ask for it.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            var status = stat()
            guard lstat(folder + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        }
        return summary
    }

    /// The record's line: `# img/: 2000 files, names 0123…` (a comment to readers of the old
    /// record format, and to them a path that no folder holds).
    func line(for folder: String) -> String {
        "# \(folder)/: \(count) files, names \(Self.hex(first))\(Self.hex(second))"
    }

    /// The summary in a record line written by `line(for:)`, or nil.
    static func parse(line: Substring, for folder: String) -> FolderSummary? {
        let start = "# \(folder)/: "
        guard line.hasPrefix(start) else { return nil }
        let fields = line.dropFirst(start.count).split(separator: " ")
        guard fields.count == 4, fields[1] == "files,", fields[2] == "names", fields[3].utf8.count == 32,
            let count = Int(fields[0]), count >= 0,
            let first = UInt64(fields[3].prefix(16), radix: 16), let second = UInt64(fields[3].suffix(16), radix: 16)
        else { return nil }
        var summary = FolderSummary()
        summary.count = count
        summary.first = first
        summary.second = second
        return summary
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
