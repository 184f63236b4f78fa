import Foundation

/// One persistent HTTP/1.1 connection with blocking sockets, for load generators that must not
/// pay a TCP handshake (and a server-side channel) per request, as `HTTPProbe` does. Use it
/// from one thread; a failed exchange closes the socket and the next call reconnects.
public final class HTTPKeepAliveClient {
    private let host: String
    private var fd: Int32 = -1
    private var port = 0
    private var pending: [UInt8] = []

    public init(host: String = "127.0.0.1") { self.host = host }

    deinit { disconnect() }

    /// POSTs `body`; returns the status and the whole response text (head and body), or nil
    /// when the connection failed (refused, reset, closed mid-response).
    public func post(port: Int, path: String, headers: [(String, String)], body: [UInt8]) -> (Int, String)? {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        if fd >= 0, self.port != port { disconnect() }
        if fd < 0, !connect(port) { return nil }
        guard sendAll(request), let response = readResponse() else {
            disconnect()
            return nil
        }
        return response
    }

    private func connect(_ port: Int) -> Bool {
        guard let socketFD = tcpConnect(host: host, port: port) else { return false }
        fd = socketFD
        self.port = port
        pending = []
        return true
    }

    private func disconnect() {
        if fd >= 0 { close(fd) }
        fd = -1
        pending = []
    }

    private func sendAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// One response: the head up to the blank line, then `Content-Length` bytes of body.
    private func readResponse() -> (Int, String)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.indices.dropLast(3).first { pending[$0..<($0 + 4)].elementsEqual(separator) }
            if headEnd == nil, !receive() { return nil }
        }
        let bodyStart = headEnd! + 4
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let length =
            lines.dropFirst().compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        while pending.count < bodyStart + length {
            if !receive() { return nil }
        }
        let text = String(decoding: pending[..<(bodyStart + length)], as: UTF8.self)
        pending.removeFirst(bodyStart + length)
        if head.lowercased().contains("connection: close") { disconnect() }
        return (status, text)
    }

    private func receive() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16384)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        pending += buffer[0..<count]
        return true
    }
}
