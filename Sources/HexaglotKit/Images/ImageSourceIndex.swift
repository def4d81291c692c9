import Foundation

/// The facts of each source image (`ImageSourceFacts`) and the keys of its variants, by where the
/// file is and what `stat` says of it (device, inode, size, modification and change times in
/// nanoseconds), so that a rebuild reads and hashes only the photos that changed: hashing every
/// photo on every build made a warm rebuild of a site with 8 photos 1.37 times the build without
/// them. One file for every photo of a site (`sources/<digest of the site folder>.txt`), read
/// once: a file per photo, and the 11 variant keys hashed again for each, were most of what
/// planning 200 unchanged photos cost.
///
/// A file rewritten in place with the same size within the same nanosecond would keep its old
/// facts; the encoder checks the digest of the bytes it encodes, so such a file can never be
/// encoded under another file's name. Safe to delete, and safe when two builds share it, as the
/// variant cache is: the file is written aside and renamed, and each site has its own. An entry
/// that does not parse, or a file of another format or encoder, is ignored (the photo is read
/// again) and the file rewritten.
final class ImageSourceIndex: @unchecked Sendable {
    /// What `stat` said of a file when its facts were read.
    struct Stamp: Equatable, Sendable {
        var device = 0, inode = 0, size = 0
        var modified = 0, modifiedNanoseconds = 0, changed = 0, changedNanoseconds = 0

        /// As the file writes them, space-separated: a fixed number of fields without an array
        /// (one allocated for each photo's `stat` was a tenth of looking it up).
        var fields: [Int] { [device, inode, size, modified, modifiedNanoseconds, changed, changedNanoseconds] }

        init(device: Int, inode: Int, size: Int, modified: Int, modifiedNanoseconds: Int, changed: Int, changedNanoseconds: Int) {
            (self.device, self.inode, self.size) = (device, inode, size)
            (self.modified, self.modifiedNanoseconds, self.changed, self.changedNanoseconds) =
                (modified, modifiedNanoseconds, changed, changedNanoseconds)
        }

        init?(fields: [Int?]) {
            guard fields.count == 7, case let values = fields.compactMap({ $0 }), values.count == 7 else { return nil }
            self.init(
                device: values[0], inode: values[1], size: values[2], modified: values[3], modifiedNanoseconds: values[4],
                changed: values[5], changedNanoseconds: values[6])
        }
    }

    /// One photo's facts, the keys of the variants planned from them and the plan's snapshot,
    /// the last two as the file holds them: an unchanged photo's are written back as they were
    /// read, and its keys are read only if its snapshot cannot be used.
    struct Entry: Equatable, Sendable {
        var stamp: Stamp
        var facts: ImageSourceFacts
        /// "width format quality effort key" items, comma-separated, in the order the plan made them.
        var keysField: String
        /// `PlanSnapshot`'s field; empty when there is none.
        var snapshot: String

        /// The keys, or nil when the field does not parse.
        var keys: [PlannedVariant.KnownKey]? {
            var field = keysField
            return field.withUTF8 { ImageSourceIndex.parseKeys($0) }
        }
    }

    let file: URL
    /// Entries by the source's path, as the file held them when this build started.
    private let stored: [String: Entry]
    private let lock = NSLock()
    /// The entries of the photos this build planned: what the file holds after it.
    private var kept: [String: Entry] = [:]

    /// The index of the site in `site` (its folder's path), in `folder`; `encoder` names the
    /// encoder and its wrappers, whose change changes every key.
    init(folder: URL, site: String, encoder: String) {
        file = folder.appendingPathComponent(ImageCodec.digest(site) + ".txt", isDirectory: false)
        stored = Self.parse(FileManager.default.contents(atPath: file.path), header: Self.header(encoder))
        self.encoder = encoder
        kept.reserveCapacity(stored.count)
    }

    private let encoder: String

    /// The stamp of `file` and its stored entry, if its `stat` is what it was when it was stored;
    /// nil when the file cannot be `stat`ed.
    func lookUp(_ file: String) -> (path: String, stamp: Stamp, entry: Entry?)? {
        // The standardized path (no `.` or `..` segments), which only a path with "/." can lack.
        var path = file
        if Self.hasSlashDot(path) { path = URL(fileURLWithPath: file, isDirectory: false).standardizedFileURL.path }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let stamp = Stamp(
            device: Int(info.st_dev), inode: Int(info.st_ino), size: Int(info.st_size), modified: Int(info.modificationTime.tv_sec),
            modifiedNanoseconds: Int(info.modificationTime.tv_nsec), changed: Int(info.changeTime.tv_sec),
            changedNanoseconds: Int(info.changeTime.tv_nsec))
        guard let entry = stored[path], entry.stamp == stamp else { return (path, stamp, nil) }
        return (path, stamp, entry)
    }

    /// Keeps an unchanged photo's entry, as it was read, for the next build.
    func keep(path: String, entry: Entry) {
        lock.withLock { kept[path] = entry }
    }

    /// Keeps the facts of the photo at `path`, the keys of `plan`'s variants and its snapshot
    /// (made for the keys' field, which it is checked with) for the next build. `known`: the keys
    /// the plan was made with and their field, kept as they are when the plan has exactly those.
    func keep(
        path: String, stamp: Stamp, facts: ImageSourceFacts, plan: ImagePlan, snapshot: (_ keysField: String) -> String,
        known: (keys: [PlannedVariant.KnownKey], field: String)? = nil
    ) {
        if let known, Self.keys(of: plan, are: known.keys) {
            let entry = Entry(stamp: stamp, facts: facts, keysField: known.field, snapshot: snapshot(known.field))
            lock.withLock { kept[path] = entry }
            return
        }
        var keys: [PlannedVariant.KnownKey] = []
        if case .variants(let image) = plan.outcome {
            keys.reserveCapacity(image.variants.count + 2)
            for variant in image.variants { keys.append(.init(spec: variant.spec, key: variant.key)) }
            keys.append(.init(spec: image.sharing.spec, key: image.sharing.key))
            if let original = image.original { keys.append(.init(spec: original.spec, key: original.key)) }
        }
        let field = keys.map {
            "\($0.spec.width) \($0.spec.settings.format.rawValue) \($0.spec.settings.quality) \($0.spec.settings.effort) \($0.key)"
        }
        .joined(separator: ",")
        let entry = Entry(stamp: stamp, facts: facts, keysField: field, snapshot: snapshot(field))
        lock.withLock { kept[path] = entry }
    }

    /// Whether `plan`'s variants, sharing JPEG and original have `keys`, in that order.
    private static func keys(of plan: ImagePlan, are keys: [PlannedVariant.KnownKey]) -> Bool {
        guard case .variants(let image) = plan.outcome else { return keys.isEmpty }
        guard keys.count == image.variants.count + 1 + (image.original == nil ? 0 : 1) else { return false }
        func same(_ variant: PlannedVariant, _ known: PlannedVariant.KnownKey) -> Bool {
            variant.key == known.key && variant.width == known.spec.width && variant.settings == known.spec.settings
        }
        for (variant, known) in zip(image.variants, keys) where !same(variant, known) { return false }
        guard same(image.sharing, keys[image.variants.count]) else { return false }
        return image.original.map { same($0, keys[keys.count - 1]) } ?? true
    }

    /// Writes the entries this build kept, when they are not what the file holds already.
    func save() {
        let entries = lock.withLock { kept }
        guard entries != stored else { return }
        var text = Self.header(encoder)
        for path in entries.keys.sorted() {
            // A name with a tab or a line break would not read back: such a photo is read every build.
            guard let entry = entries[path], !path.utf8.contains(where: { $0 == 9 || $0 == 10 }) else { continue }
            text += path + "\t" + entry.stamp.fields.map(String.init).joined(separator: " ") + "\t" + entry.facts.serialized + "\t"
            text += entry.keysField + "\t" + entry.snapshot + "\n"
        }
        let folder = file.deletingLastPathComponent().path
        let aside = folder + "/.\(file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: aside))
            if rename(aside, file.path) != 0 { try? FileManager.default.removeItem(atPath: aside) }
        } catch {
            // The index only saves time: without it the next build reads the photos again.
            try? FileManager.default.removeItem(atPath: aside)
        }
    }

    private static func header(_ encoder: String) -> String { "hexaglot image facts 3 \(encoder)\n" }

    /// The entries of `data`; nothing when it is not a file of this format and encoder, and
    /// without the lines that do not parse.
    private static func parse(_ data: Data?, header: String) -> [String: Entry] {
        guard let data, data.starts(with: header.utf8) else { return [:] }
        var entries: [String: Entry] = [:]
        // Over the bytes, by hand: `Data.split` made reading the file of 200 photos cost more
        // than planning them from scratch.
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let lines = split(UnsafeBufferPointer(rebasing: bytes[header.utf8.count...]), on: 10)
            entries.reserveCapacity(lines.count)
            for line in lines {
                // Empty fields kept: a photo published as it is (an animation) has no keys.
                let fields = split(line, on: 9, keepingEmpty: true)
                guard fields.count == 5, !fields[0].isEmpty,
                    let facts = ImageSourceFacts(serialized: fields[2])
                else { continue }
                guard let stamp = Stamp(fields: split(fields[1], on: UInt8(ascii: " ")).map(integer)) else { continue }
                // The keys and the snapshot are read when the photo is planned, and only as far as it needs.
                entries[String(decoding: fields[0], as: UTF8.self)] = Entry(
                    stamp: stamp, facts: facts, keysField: String(decoding: fields[3], as: UTF8.self),
                    snapshot: String(decoding: fields[4], as: UTF8.self))
            }
        }
        return entries
    }

    /// "width format quality effort key" items, comma-separated; nil if any does not parse.
    fileprivate static func parseKeys(_ field: UnsafeBufferPointer<UInt8>) -> [PlannedVariant.KnownKey]? {
        var keys: [PlannedVariant.KnownKey] = []
        keys.reserveCapacity(16)
        var at = 0
        /// The bytes up to the next `end` (or the field's end), and past it.
        func next(_ end: UInt8) -> UnsafeBufferPointer<UInt8> {
            let start = at
            let found = memchr(field.baseAddress! + start, Int32(end), field.count - start)
            at = found.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - field.baseAddress! } ?? field.count
            defer { at += 1 }
            return UnsafeBufferPointer(rebasing: field[start..<at])
        }
        while at < field.count {
            guard let width = integer(next(UInt8(ascii: " "))),
                let format = ImageFormat(named: next(UInt8(ascii: " "))),
                let quality = integer(next(UInt8(ascii: " "))), let effort = integer(next(UInt8(ascii: " ")))
            else { return nil }
            let key = next(UInt8(ascii: ","))
            guard ImageSourceFacts.isDigest(key) else { return nil }
            let spec = PlannedVariant.Spec(width: width, settings: .init(format: format, quality: quality, effort: effort))
            keys.append(.init(spec: spec, key: String(decoding: key, as: UTF8.self)))
        }
        return keys
    }

    /// The runs of `bytes` between `separator`s (the empty ones too if `keepingEmpty`).
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, on separator: UInt8, keepingEmpty: Bool = false)
        -> [UnsafeBufferPointer<UInt8>]
    {
        var parts: [UnsafeBufferPointer<UInt8>] = []
        guard let base = bytes.baseAddress else { return parts }
        // Room for a line's fields, or for about one line in 600 bytes (an entry with its keys).
        parts.reserveCapacity(max(8, bytes.count / 600))
        var start = 0
        // `memchr`: a loop over the bytes of the file's 200 lines cost as much as the rest of reading it.
        while start <= bytes.count {
            let found = memchr(base + start, Int32(separator), bytes.count - start)
            let end = found.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? bytes.count
            if keepingEmpty || end > start { parts.append(UnsafeBufferPointer(start: base + start, count: end - start)) }
            start = end + 1
        }
        return parts
    }

    /// A decimal number of at most 18 digits, optionally negative.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = bytes.first == UInt8(ascii: "-")
        let digits = negative ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte &- 0x30 < 10 else { return nil }
            value = value * 10 + Int(byte &- 0x30)
        }
        return negative ? -value : value
    }

    private static func hasSlashDot(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 1..<bytes.count where bytes[index] == UInt8(ascii: ".") && bytes[index - 1] == UInt8(ascii: "/") {
                return true
            }
            return false
        }
    }
}

extension ImageFormat {
    /// The format whose name is `bytes` (`avif`), compared in place: making a string of each of
    /// a photo's dozen keys' formats to look it up cost more than the rest of reading the key.
    init?(named bytes: UnsafeBufferPointer<UInt8>) {
        for (format, name) in Self.names where name.count == bytes.count && memcmp(name, bytes.baseAddress!, name.count) == 0 {
            self = format
            return
        }
        return nil
    }

    private static let names = allCases.map { ($0, Array($0.rawValue.utf8)) }
}
