/// Strings built from parts over their contiguous UTF-8, for names made thousands of times a
/// build (each photo variant's file name and cache path, its `srcset`): `+` and `+=` on strings,
/// and appending a `String.UTF8View` to a byte array, go byte by byte through generic code and
/// grow the result several times.
enum UTF8Joining {
    /// The parts one after another, in one string allocated at its size. A fixed number of them,
    /// not an array: making and freeing an array of parts for each name cost as much as the name.
    static func join(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String = "", _ f: String = "", _ g: String = "") -> String {
        var a = a, b = b, c = c, d = d, e = e, f = f, g = g
        return a.withUTF8 { a in
            b.withUTF8 { b in
                c.withUTF8 { c in
                    d.withUTF8 { d in
                        e.withUTF8 { e in
                            f.withUTF8 { f in
                                g.withUTF8 { g in
                                    let parts = (a, b, c, d, e, f, g)
                                    let length = a.count + b.count + c.count + d.count + e.count + f.count + g.count
                                    return String(unsafeUninitializedCapacity: length) { buffer in
                                        var at = 0
                                        func put(_ part: UnsafeBufferPointer<UInt8>) {
                                            guard let base = part.baseAddress else { return }
                                            (buffer.baseAddress! + at).update(from: base, count: part.count)
                                            at += part.count
                                        }
                                        put(parts.0)
                                        put(parts.1)
                                        put(parts.2)
                                        put(parts.3)
                                        put(parts.4)
                                        put(parts.5)
                                        put(parts.6)
                                        return at
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` in one copy.
    mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
