import Dispatch

extension Array {
    /// `map` across all cores; the result keeps the input order.
    func parallelMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        var results = [T?](repeating: nil, count: count)
        withoutActuallyEscaping(transform) { transform in
            results.withUnsafeMutableBufferPointer { buffer in
                self.withUnsafeBufferPointer { input in
                    // Each index is written by exactly one worker, and the buffers outlive the loop.
                    nonisolated(unsafe) let slots = buffer
                    nonisolated(unsafe) let elements = input
                    nonisolated(unsafe) let work = transform
                    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                        slots[index] = work(elements[index])
                    }
                }
            }
        }
        return results.map { $0! }
    }
}
