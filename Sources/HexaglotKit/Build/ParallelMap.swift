import Dispatch

extension Array {
    /// `map` across all cores; the result keeps the input order.
    func parallelMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { input in
                // Each result is made in its place, by exactly one worker: results gathered as
                // optionals and unwrapped into a second array copied every one of them (the
                // site's thousands of output files) once more.
                [T](unsafeUninitializedCapacity: input.count) { buffer, initialized in
                    nonisolated(unsafe) let slots = buffer
                    nonisolated(unsafe) let elements = input
                    nonisolated(unsafe) let work = transform
                    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                        (slots.baseAddress! + index).initialize(to: work(elements[index]))
                    }
                    initialized = input.count
                }
            }
        }
    }

    /// `body` for each element across all cores, in no set order.
    func parallelForEach(_ body: (Element) -> Void) {
        guard count > 1 else { return forEach(body) }
        withoutActuallyEscaping(body) { body in
            self.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let elements = input
                nonisolated(unsafe) let work = body
                DispatchQueue.concurrentPerform(iterations: elements.count) { work(elements[$0]) }
            }
        }
    }
}
