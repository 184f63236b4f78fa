/// Where and how to reach Redis, usually parsed from `redis://[[user]:password@]host[:port][/db]`.
///
/// ```swift
/// let configuration = try RedisConfiguration(url: "redis://:s3cret@127.0.0.1:6379/2")
/// let connection = RedisConnection(configuration: configuration)
/// ```
///
/// - Important: ``description`` masks the password, so a configuration can be logged.
public struct RedisConfiguration: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// ACL user for `AUTH user password` (Redis 6+); `nil` sends the classic `AUTH password`.
    public var username: String?
    /// Sent with `AUTH` right after connecting when set.
    public var password: String?
    /// Selected with `SELECT` right after connecting when not 0.
    public var database: Int
    /// Set with `CLIENT SETNAME` after connecting, so `CLIENT LIST` shows which instance a
    /// connection belongs to. Redis refuses names with spaces.
    public var clientName: String?
    /// Bound on TCP connect.
    public var connectTimeout: Duration
    /// Bound on each command's write and read; a command that runs past it breaks the connection.
    public var commandTimeout: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        clientName: String? = nil,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]`; user and password may be percent-encoded,
    /// an IPv6 host goes in brackets (`redis://[::1]:6379`).
    /// - Throws: ``RedisError/Code/invalidURL`` naming the part that is wrong (never the password).
    public init(url: String) throws(RedisError) {
        let scheme = "redis://"
        guard url.hasPrefix(scheme) else { throw RedisError(.invalidURL, "URL must start with redis://") }
        var rest = Substring(url.dropFirst(scheme.count))
        self.init()
        // The last "@" splits credentials from the host, so a password may itself contain "@".
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = try Self.percentDecoded(userInfo[..<colon], part: "user")
                username = user.isEmpty ? nil : user
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                let user = try Self.percentDecoded(userInfo, part: "user")
                username = user.isEmpty ? nil : user
            }
        }
        var hostPort = rest
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty {
                guard let number = Int(path), number >= 0 else { throw RedisError(.invalidURL, "database must be a number, got '\(path)'") }
                database = number
            }
        }
        try parseHostPort(hostPort)
    }

    private mutating func parseHostPort(_ text: Substring) throws(RedisError) {
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw RedisError(.invalidURL, "unclosed '[' in host") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw RedisError(.invalidURL, "unexpected text after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            host = String(text)
        }
        guard !host.isEmpty else { throw RedisError(.invalidURL, "missing host") }
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw RedisError(.invalidURL, "port must be 1-65535, got '\(portText)'")
            }
            port = number
        }
    }

    private static func percentDecoded(_ text: Substring, part: String) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw RedisError(.invalidURL, "bad percent-encoding in \(part)")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public var description: String {
        let credentials = password == nil ? (username.map { "\($0)@" } ?? "") : "\(username ?? ""):***@"
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "redis://\(credentials)\(hostText):\(port)/\(database)"
    }
}
