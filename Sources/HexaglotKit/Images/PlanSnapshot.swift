import Foundation

/// What pages and the images stage need of an unchanged photo's plan, kept in its line of the
/// facts file (`ImageSourceIndex`) by the build that made the plan: its shown size, the first
/// variant's name and the summary of its shown variants' names (whether the old `img/` can be
/// published again), its sharing JPEG and linked original, and its `<picture>`'s srcsets. A
/// warm rebuild takes these as they are and makes the dozen variants only if something asks for
/// them (`PlannedImage.variants`): making every plan and its markup again from the stored keys
/// was a third of what 200 unchanged photos cost a warm rebuild.
///
/// Valid only for the settings and root path it was made with (`context`), for the same output
/// path, and with the keys it was stored beside: a hash of those and of its own bytes is its
/// first field, so a line damaged in any of them is made again from the facts.
struct PlanSnapshot: Equatable {
    var width: Int
    var height: Int
    var firstPath: String
    var sharingIsShown: Bool
    var shownSummary: FolderSummary
    var sharing: PlannedVariant
    var original: PlannedVariant?
    var src: String?
    /// One per format slot: the modern formats in the site's order, then JPEG.
    var srcsets: [[UInt8]]

    /// Between fields: no name Hexaglot publishes holds a control character (`ContentDiscovery`).
    static let separator: UInt8 = 0x1F

    /// The settings a snapshot depends on, as one token: any change makes every snapshot stale.
    static func context(settings: ImageSettings, rootPath: String, encoder: String) -> String {
        var parts = ["plan snapshot 1", encoder, rootPath, settings.sizes, String(settings.sharingWidth), String(settings.maximumPixels)]
        parts += settings.widths.map(String.init)
        parts += settings.formats.map { "\($0.format.rawValue) \($0.quality) \($0.effort)" }
        return hex(StableHasher.hash(parts))
    }

    /// The field as the facts file holds it, or nil when a part could not be read back.
    func serialized(context: String, path: String, keys: String) -> String? {
        var fields: [[UInt8]] = [
            Array(context.utf8), Array(path.utf8), decimal(width), decimal(height), Array(firstPath.utf8), [sharingIsShown ? 49 : 48],
            decimal(shownSummary.count), Array(Self.hex(shownSummary.first).utf8), Array(Self.hex(shownSummary.second).utf8),
        ]
        fields += Self.fields(of: sharing)
        fields.append(original == nil ? [48] : [49])
        if let original { fields += Self.fields(of: original) }
        fields.append(Array((src ?? "").utf8))
        fields += srcsets
        // A name with a tab, a line break or the separator would not read back.
        guard !fields.contains(where: { $0.contains { $0 == 9 || $0 == 10 || $0 == Self.separator } }) else { return nil }
        var body: [UInt8] = []
        for field in fields {
            body.append(Self.separator)
            body += field
        }
        let check = body.withUnsafeBufferPointer { Self.checksum($0, keys: keys) }
        return Self.hex(check.0) + Self.hex(check.1) + String(decoding: body, as: UTF8.self)
    }

    /// The snapshot stored as `field`, if it is whole and was made for `context`, the photo at
    /// `path`, `keys` and `slots` srcsets.
    init?(_ field: String, context: String, path: String, keys: String, slots: Int) {
        var field = field
        guard let read = field.withUTF8({ Self.read($0, context: context, path: path, keys: keys, slots: slots) }) else { return nil }
        self = read
    }

    init(
        width: Int, height: Int, firstPath: String, sharingIsShown: Bool, shownSummary: FolderSummary, sharing: PlannedVariant,
        original: PlannedVariant?, src: String?, srcsets: [[UInt8]]
    ) {
        (self.width, self.height, self.firstPath, self.sharingIsShown) = (width, height, firstPath, sharingIsShown)
        (self.shownSummary, self.sharing, self.original, self.src, self.srcsets) = (shownSummary, sharing, original, src, srcsets)
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, context: String, path: String, keys: String, slots: Int) -> PlanSnapshot? {
        guard bytes.count > 32, let base = bytes.baseAddress else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[32...])
        guard let first = hexNumber(UnsafeBufferPointer(rebasing: bytes[0..<16])),
            let second = hexNumber(UnsafeBufferPointer(rebasing: bytes[16..<32])),
            checksum(body, keys: keys) == (first, second)
        else { return nil }
        // The fields after each separator (the body starts with one).
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(32)
        var start = 33
        while start <= bytes.count {
            let found = memchr(base + start, Int32(separator), bytes.count - start)
            let end = found.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? bytes.count
            fields.append(UnsafeBufferPointer(start: base + start, count: end - start))
            start = end + 1
        }
        func text(_ field: UnsafeBufferPointer<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
        func same(_ field: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
            var string = string
            return string.withUTF8 { $0.count == field.count && ($0.isEmpty || memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0) }
        }
        guard fields.count >= 19, same(fields[0], context), same(fields[1], path),
            let width = ImageSourceIndex.integer(fields[2]), let height = ImageSourceIndex.integer(fields[3]),
            let count = ImageSourceIndex.integer(fields[6]), let summaryFirst = hexNumber(fields[7]), let summarySecond = hexNumber(fields[8]),
            let sharing = variant(fields[9..<17])
        else { return nil }
        var at = 18
        var original: PlannedVariant?
        if fields[17].first == 49 {
            guard fields.count >= 27, let read = variant(fields[18..<26]) else { return nil }
            original = read
            at = 26
        }
        guard fields.count == at + 1 + slots else { return nil }
        var summary = FolderSummary()
        (summary.count, summary.first, summary.second) = (count, summaryFirst, summarySecond)
        return PlanSnapshot(
            width: width, height: height, firstPath: text(fields[4]), sharingIsShown: fields[5].first == 49, shownSummary: summary,
            sharing: sharing, original: original, src: fields[at].isEmpty ? nil : text(fields[at]),
            srcsets: fields[(at + 1)...].map { Array($0) })
    }

    /// "width height format quality effort namesItsContent key path".
    private static func fields(of variant: PlannedVariant) -> [[UInt8]] {
        [
            decimal(variant.width), decimal(variant.height), Array(variant.settings.format.rawValue.utf8), decimal(variant.settings.quality),
            decimal(variant.settings.effort), [variant.namesItsContent ? 49 : 48], Array(variant.key.utf8), Array(variant.path.utf8),
        ]
    }

    private static func variant(_ fields: ArraySlice<UnsafeBufferPointer<UInt8>>) -> PlannedVariant? {
        guard fields.count == 8 else { return nil }
        let at = fields.startIndex
        func field(_ index: Int) -> UnsafeBufferPointer<UInt8> { fields[at + index] }
        guard let width = ImageSourceIndex.integer(field(0)), let height = ImageSourceIndex.integer(field(1)),
            let format = ImageFormat(named: field(2)), let quality = ImageSourceIndex.integer(field(3)),
            let effort = ImageSourceIndex.integer(field(4)), ImageSourceFacts.isDigest(field(6)), !field(7).isEmpty
        else { return nil }
        return PlannedVariant(
            width: width, height: height, settings: .init(format: format, quality: quality, effort: effort),
            key: String(decoding: field(6), as: UTF8.self), path: String(decoding: field(7), as: UTF8.self),
            namesItsContent: field(5).first == 49)
    }

    /// The two hashes `FolderSummary` gives names, over the keys and the snapshot's fields.
    private static func checksum(_ body: UnsafeBufferPointer<UInt8>, keys: String) -> (UInt64, UInt64) {
        var summary = FolderSummary(), keys = keys
        keys.withUTF8 { summary.add(name: $0) }
        summary.add(name: body)
        return (summary.first, summary.second)
    }

    private static func hexNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

private func decimal(_ number: Int) -> [UInt8] { Array(String(number).utf8) }
