import Foundation
import Glibc

/// A minimal HTTP/1.1 client over one keep-alive TCP connection, for the webhook simulator:
/// POST a body with headers, read the status. Blocking; run it on its own thread.
final class HTTPPoster {
    let host: String
    let port: Int
    private var fd: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    deinit { disconnect() }

    func disconnect() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    private func connectIfNeeded() throws {
        guard fd < 0 else { return }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { throw SimulatorError("cannot resolve \(host)") }
        defer { freeaddrinfo(result) }
        let socketFD = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard socketFD >= 0 else { throw SimulatorError("socket failed") }
        guard Foundation.connect(socketFD, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            close(socketFD)
            throw SimulatorError("cannot connect to \(host):\(port)")
        }
        var one: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        fd = socketFD
    }

    /// Sends one POST and returns the response status; reconnects once if the server closed
    /// the idle connection.
    func post(path: String, headers: [(String, String)], body: [UInt8]) throws -> Int {
        do { return try attempt(path: path, headers: headers, body: body) } catch {
            disconnect()
            return try attempt(path: path, headers: headers, body: body)
        }
    }

    private func attempt(path: String, headers: [(String, String)], body: [UInt8]) throws -> Int {
        try connectIfNeeded()
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try writeAll(Array(head.utf8) + body)
        return try readResponse()
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw SimulatorError("connection lost while sending") }
            offset += written
        }
    }

    private func readResponse() throws -> Int {
        var received: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { throw SimulatorError("connection closed") }
            received += buffer[0..<count]
            headerEnd = Self.find([13, 10, 13, 10], in: received)
        }
        let head = String(decoding: received[0..<headerEnd!], as: UTF8.self)
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        var length = 0
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        var bodyBytes = received.count - (headerEnd! + 4)
        while bodyBytes < length {
            let count = recv(fd, &buffer, min(buffer.count, length - bodyBytes), 0)
            guard count > 0 else { throw SimulatorError("connection closed in body") }
            bodyBytes += count
        }
        return status
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where Array(haystack[index..<index + needle.count]) == needle { return index }
        return nil
    }
}

struct SimulatorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
