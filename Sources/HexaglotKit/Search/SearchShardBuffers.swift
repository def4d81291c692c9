import Foundation

/// The bytes of every term shard of one language's index while it is written: one growable
/// buffer per shard, appended to through pointers, handed over as `Data` without a copy.
///
/// A Chinese index is millions of entries of a few bytes, each appended to one of ten thousand
/// shards in hash order: as `[[UInt8]]`, each append's uniqueness and capacity checks on the
/// array of arrays, and the copy into `Data` after, were a third of indexing Chinese.
struct SearchShardBuffers: ~Copyable {
    private struct Buffer {
        var base: UnsafeMutablePointer<UInt8>?
        var count = 0
        var capacity = 0
    }

    private var buffers: UnsafeMutableBufferPointer<Buffer>

    init(count: Int) {
        buffers = .allocate(capacity: count)
        buffers.initialize(repeating: Buffer())
    }

    deinit {
        for buffer in buffers { buffer.base?.deallocate() }
        buffers.deallocate()
    }

    var count: Int { buffers.count }

    /// Room for `bytes` more in shard `shard` without growing.
    mutating func reserve(_ bytes: Int, in shard: Int) {
        let buffer = buffers[shard]
        if buffer.count + bytes > buffer.capacity { grow(shard, to: buffer.count + bytes) }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int, to shard: Int) {
        var buffer = buffers[shard]
        if buffer.count + count > buffer.capacity {
            grow(shard, to: max(buffer.count + count, buffer.capacity * 2, 64))
            buffer = buffers[shard]
        }
        (buffer.base! + buffer.count).update(from: bytes, count: count)
        buffers[shard].count = buffer.count + count
    }

    mutating func append(_ bytes: ArraySlice<UInt8>, to shard: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { append(base, count: bytes.count, to: shard) }
        }
    }

    private mutating func grow(_ shard: Int, to capacity: Int) {
        let buffer = buffers[shard]
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        if let base = buffer.base {
            bigger.update(from: base, count: buffer.count)
            base.deallocate()
        }
        buffers[shard] = Buffer(base: bigger, count: buffer.count, capacity: capacity)
    }

    /// Each shard's bytes, in shard order; the buffers are given to the `Data` values (and freed
    /// with them), so this is the last use.
    consuming func data() -> [Data] {
        let buffers = buffers
        discard self
        defer { buffers.deallocate() }
        return buffers.map { buffer in
            guard let base = buffer.base, buffer.count > 0 else {
                buffer.base?.deallocate()
                return Data()
            }
            return Data(bytesNoCopy: base, count: buffer.count, deallocator: .custom { pointer, _ in pointer.deallocate() })
        }
    }
}
