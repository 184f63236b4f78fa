import Foundation

/// A minimal HTTP/1.1 GET over a plain socket, enough for /health, /ready and /metrics.
public enum HTTPProbe {
    public static func get(host: String, port: Int, path: String) async throws -> (Int, String) {
        try await offPool {
            try exchange(host: host, port: port, request: Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8))
        }
    }

    /// POSTs `body` with `headers`; returns status, body and the response headers' text.
    public static func post(host: String, port: Int, path: String, headers: [(String, String)], body: [UInt8]) async throws -> (Int, String) {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        return try await offPool { try exchange(host: host, port: port, request: request) }
    }

    /// One HTTP/1.1 request's bytes; `close` adds `Connection: close`.
    public static func request(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        close: Bool = false
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        if close { head += "Connection: close\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// A response read off a connection: status, the header block as text, the body.
    public struct Reply: Sendable {
        public let status: Int
        public let head: String
        public let body: String
    }

    /// Sends `requests` back to back in one write on one connection (HTTP/1.1 pipelining) and
    /// reads until the server closes it (end the list with a `close:` request); the replies in
    /// the order they arrived.
    public static func pipelined(host: String, port: Int, _ requests: [[UInt8]]) async throws -> [Reply] {
        let bytes = try await offPool { try exchangeBytes(host: host, port: port, request: requests.flatMap { $0 }) }
        var replies: [Reply] = []
        var rest = bytes[...]
        let separator = Array("\r\n\r\n".utf8)
        while let end = rest.indices.first(where: { rest[$0...].starts(with: separator) }) {
            let head = String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
            let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
            let length =
                head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
            let bodyStart = end + separator.count
            let bodyEnd = min(rest.endIndex, bodyStart + length)
            replies.append(Reply(status: status, head: head, body: String(decoding: rest[bodyStart..<bodyEnd], as: UTF8.self)))
            rest = rest[bodyEnd...]
        }
        return replies
    }

    private static func exchange(host: String, port: Int, request: [UInt8]) throws -> (Int, String) {
        let text = String(decoding: try exchangeBytes(host: host, port: port, request: request), as: UTF8.self)
        let statusLine = text.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        // Headers stay in front of the body so tests can check e.g. Retry-After.
        return (status, text)
    }

    private static func exchangeBytes(host: String, port: Int, request: [UInt8]) throws -> [UInt8] {
        guard let fd = tcpConnect(host: host, port: port) else { throw ShellError("connect to \(host):\(port) failed") }
        defer { close(fd) }
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, 0) }
            guard count > 0 else { break }
            sent += count
        }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return response
    }
}
