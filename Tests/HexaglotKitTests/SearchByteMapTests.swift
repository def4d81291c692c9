import Testing

@testable import HexaglotKit

/// The analyser's byte-keyed table (`SearchByteMap`): a slot holds a key's first eight bytes and
/// length, so keys that agree there and differ only after them (or only in length) must still
/// be told apart, through the table's growth, and sorted in UTF-8 byte order.
@Suite struct SearchByteMapTests {
    /// Keys around the eight bytes a slot holds and the 255 its length byte counts to.
    static let keys: [[UInt8]] = {
        var keys: [[UInt8]] = ["a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefghij", "abcdefgg", "b", "臭", "臭氧"]
            .map { Array($0.utf8) }
        let long = [UInt8](repeating: 0x61, count: 300)
        keys += [long, long + [0x62], Array(long.dropLast()), Array(long.dropLast()) + [0x62], Array(long.prefix(255)), Array(long.prefix(254))]
        // Enough others that the table grows several times.
        for number in 0..<5000 { keys.append(Array("word\(number)".utf8)) }
        return keys
    }()

    @Test func keysThatShareTheirFirstBytesOrLengthAreToldApart() {
        var map = SearchByteMap(capacity: 16)
        for (number, key) in Self.keys.enumerated() {
            let found = key.withUnsafeBufferPointer { map.find($0, hash: SearchByteMap.hash($0)) }
            #expect(found == nil, "\(String(decoding: key, as: UTF8.self)) found before it was added")
            let added = key.withUnsafeBufferPointer { map.insert($0, hash: SearchByteMap.hash($0), value: Int32(number * 3)) }
            #expect(added == number)
        }
        #expect(map.count == Self.keys.count)
        for (number, key) in Self.keys.enumerated() {
            let found = key.withUnsafeBufferPointer { map.find($0, hash: SearchByteMap.hash($0)) }
            #expect(found == number)
            #expect(Array(map.key(number)) == key)
            #expect(map.values[number] == Int32(number * 3))
        }
        for absent in ["abcdefgi", "abcdefghk", "abcdefghijk", "abc", "臭氧层", String(repeating: "a", count: 299) + "c"] {
            let found = Array(absent.utf8).withUnsafeBufferPointer { map.find($0, hash: SearchByteMap.hash($0)) }
            #expect(found == nil, "\(absent) found but never added")
        }
    }

    @Test func sortedByKeyIsUTF8ByteOrder() {
        var map = SearchByteMap(capacity: 16)
        for key in Self.keys { key.withUnsafeBufferPointer { _ = map.insert($0, hash: SearchByteMap.hash($0), value: 0) } }
        let numbers = Array(Self.keys.indices.reversed())
        let expected = numbers.sorted { Self.keys[$0].lexicographicallyPrecedes(Self.keys[$1]) }
        #expect(map.sortedByKey(numbers) == expected)
    }
}
