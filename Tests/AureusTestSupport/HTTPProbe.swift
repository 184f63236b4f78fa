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

    private static func exchange(host: String, port: Int, request: [UInt8]) throws -> (Int, String) {
        guard let fd = tcpConnect(host: host, port: port) else { throw ShellError("connect to \(host):\(port) failed") }
        defer { close(fd) }
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, request.count, 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        let statusLine = text.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        // Headers stay in front of the body so tests can check e.g. Retry-After.
        return (status, text)
    }
}
