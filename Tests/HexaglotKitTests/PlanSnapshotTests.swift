import Foundation
import Testing

@testable import HexaglotKit

/// A photo's plan as the facts file keeps it (`PlanSnapshot`): read back whole, or not at all.
@Suite struct PlanSnapshotTests {
    private static let key = String(repeating: "ab", count: 32)
    private static let keys = "480 avif 50 2 \(key),1200 jpeg 80 0 \(key)"

    private static func variant(_ width: Int, _ format: ImageFormat, path: String, namesItsContent: Bool = true) -> PlannedVariant {
        PlannedVariant(
            width: width, height: width / 2, settings: .init(format: format, quality: 80, effort: 0), key: key, path: path,
            namesItsContent: namesItsContent)
    }

    private static var snapshot: PlanSnapshot {
        var summary = FolderSummary()
        "photo-480w-abababababab.avif".utf8CString.withUnsafeBytes { raw in
            summary.add(name: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self).dropLast()))
        }
        return PlanSnapshot(
            width: 1600, height: 800, firstPath: "img/photo-480w-abababababab.avif", sharingIsShown: false, shownSummary: summary,
            sharing: variant(1200, .jpeg, path: "img/photo-1200w-abababababab.jpg"),
            original: variant(4000, .jpeg, path: "en/news/visit/photo.jpg", namesItsContent: false),
            src: "/env/img/photo-1600w-abababababab.jpg",
            srcsets: [Array("/env/img/photo-480w-abababababab.avif 480w".utf8), [], Array("/env/img/photo-1600w-abababababab.jpg 1600w".utf8)])
    }

    @Test func readsBackWhatItWrote() throws {
        let field = try #require(Self.snapshot.serialized(context: "c1", path: "en/news/visit/photo.jpg", keys: Self.keys))
        let read = PlanSnapshot(field, context: "c1", path: "en/news/visit/photo.jpg", keys: Self.keys, slots: 3)
        #expect(read == Self.snapshot)
        var plain = Self.snapshot
        plain.original = nil
        plain.src = nil
        let other = try #require(plain.serialized(context: "c1", path: "p.jpg", keys: ""))
        #expect(PlanSnapshot(other, context: "c1", path: "p.jpg", keys: "", slots: 3) == plain)
    }

    /// Made for other settings, another photo, other keys or another number of formats, or with
    /// any byte changed: nothing.
    @Test func isNothingForAnythingElse() throws {
        let path = "en/news/visit/photo.jpg"
        let field = try #require(Self.snapshot.serialized(context: "c1", path: path, keys: Self.keys))
        #expect(PlanSnapshot(field, context: "c2", path: path, keys: Self.keys, slots: 3) == nil)
        #expect(PlanSnapshot(field, context: "c1", path: "en/news/other/photo.jpg", keys: Self.keys, slots: 3) == nil)
        #expect(PlanSnapshot(field, context: "c1", path: path, keys: Self.keys + "0", slots: 3) == nil)
        #expect(PlanSnapshot(field, context: "c1", path: path, keys: Self.keys, slots: 2) == nil)
        #expect(PlanSnapshot(String(field.dropLast()), context: "c1", path: path, keys: Self.keys, slots: 3) == nil)
        let bytes = Array(field.utf8)
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var changed = bytes
            changed[index] = changed[index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            let text = String(decoding: changed, as: UTF8.self)
            #expect(PlanSnapshot(text, context: "c1", path: path, keys: Self.keys, slots: 3) == nil, "byte \(index) changed")
        }
    }

    /// A name that would not read back (a tab, a line break, the separator) is not stored.
    @Test func aNameThatWouldNotReadBackIsNotStored() {
        var snapshot = Self.snapshot
        snapshot.src = "/img/a\tb.jpg"
        #expect(snapshot.serialized(context: "c1", path: "p.jpg", keys: "") == nil)
        snapshot.src = "/img/a\u{1F}b.jpg"
        #expect(snapshot.serialized(context: "c1", path: "p.jpg", keys: "") == nil)
    }

    /// The context changes with every setting a snapshot depends on.
    @Test func theContextNamesTheSettings() {
        let base = ImageSettings()
        var sizes = base, widths = base, quality = base
        sizes.sizes = "100vw"
        widths.widths = [640, 1280]
        quality.formats[0].quality = 40
        let contexts = [base, sizes, widths, quality].map { PlanSnapshot.context(settings: $0, rootPath: "/", encoder: "vips 8.14") }
        #expect(Set(contexts).count == 4)
        #expect(PlanSnapshot.context(settings: base, rootPath: "/env/", encoder: "vips 8.14") != contexts[0])
        #expect(PlanSnapshot.context(settings: base, rootPath: "/", encoder: "vips 8.14") == contexts[0])
    }
}
