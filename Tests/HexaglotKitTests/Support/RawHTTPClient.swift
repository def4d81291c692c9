import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 client over a POSIX socket: sends the request path exactly as given (so
/// tests can send `/../` and `%2e%2e` that URL types would normalise away) and reads the reply.
struct RawHTTPClient {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let port: Int

    private func connectSocket(timeout: TimeInterval) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw CocoaError(.fileReadUnknown)
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    private func send(_ descriptor: Int32, method: String = "GET", path: String) {
        // A body-less request says so, as clients of POST and PUT do.
        let length = method == "GET" || method == "HEAD" ? "" : "Content-Length: 0\r\n"
        let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(length)Connection: close\r\n\r\n"
        _ = request.withCString { write(descriptor, $0, strlen($0)) }
    }

    func get(_ path: String, timeout: TimeInterval = 5) throws -> Reply {
        try request("GET", path, timeout: timeout)
    }

    /// Any method; the reply is read until the server closes the connection, so a body sent
    /// where none belongs (after HEAD) shows in `body`.
    func request(_ method: String, _ path: String, timeout: TimeInterval = 5) throws -> Reply {
        let descriptor = try connectSocket(timeout: timeout)
        defer { close(descriptor) }
        send(descriptor, method: method, path: path)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return Self.parse(data)
    }

    /// Opens `path` as an event stream and collects what arrives until `until` holds or time runs out.
    func stream(_ path: String, for seconds: TimeInterval, until done: (String) -> Bool) throws -> String {
        let descriptor = try connectSocket(timeout: 0.2)
        defer { close(descriptor) }
        send(descriptor, path: path)
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && !done(text) {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 { text += String(decoding: buffer[0..<count], as: UTF8.self) } else if count == 0 { break }
        }
        return text
    }

    static func parse(_ data: Data) -> Reply {
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        var lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
