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
        // CLOEXEC: a server a test spawns meanwhile (PostgreSQL in the drills) must not inherit it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ShellError("socket failed") }
        defer { close(fd) }
        // A server that never answers fails the probe after 20 s instead of hanging the test.
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ShellError("connect to \(host):\(port) failed") }
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
