/// A table of 65,536 bytes (one per Basic Multilingual Plane code point) compiled into the
/// binary as runs, rather than worked out from Unicode properties at each start
/// (`ScalarTraitsTable.swift`, `SearchFoldingTable.swift`, written and checked by
/// `TextFastPathTests`).
enum RunLengthTable {
    /// The table of `runs`: for each run, six hex digits, its length less one (four) then its
    /// byte (two); line breaks ignored.
    static func decode(_ runs: StaticString) -> [UInt8] {
        var table: [UInt8] = []
        table.reserveCapacity(0x10000)
        runs.withUTF8Buffer { bytes in
            var run: UInt32 = 0, digits = 0
            for byte in bytes where byte != UInt8(ascii: "\n") {
                run = run << 4 | UInt32(byte <= UInt8(ascii: "9") ? byte &- UInt8(ascii: "0") : byte &- UInt8(ascii: "a") &+ 10)
                digits += 1
                guard digits == 6 else { continue }
                table.append(contentsOf: repeatElement(UInt8(run & 0xFF), count: Int(run >> 8) + 1))
                (run, digits) = (0, 0)
            }
        }
        precondition(table.count == 0x10000, "a run-length table does not describe 65,536 code points")
        return table
    }
}
