import AureusCore
import PostgresNIO

/// A parsed `postgres://user:password@host:port/database?sslmode=…` URL.
///
/// Parsed by hand (no Foundation) with percent-decoding of the user, password and database.
/// TLS follows libpq's `sslmode`: `disable` never, `require` encrypts without checking the
/// certificate, `verify-ca`/`verify-full` check it; without `sslmode`, loopback hosts connect in
/// the clear and other hosts prefer TLS.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, Hashable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var username: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String?
    public var sslMode: SSLMode?

    /// - Throws: `StoreError(.unavailable)` with the reason, never echoing the password.
    public init(_ text: String) throws {
        func invalid(_ reason: String) -> StoreError { StoreError(.unavailable, "invalid database URL: \(reason)") }
        var rest = Substring(text)
        guard let schemeEnd = rest.firstRange(of: "://"), ["postgres", "postgresql"].contains(rest[..<schemeEnd.lowerBound].lowercased()) else {
            throw invalid("expected postgres://user:password@host:port/database")
        }
        rest = rest[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var authority = rest
        username = "postgres"
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.percentDecoded(userInfo[..<colon], invalid)
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], invalid)
            } else {
                username = try Self.percentDecoded(userInfo, invalid)
            }
        }
        port = 5432
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            authority = authority[authority.index(after: close)...]
            if authority.hasPrefix(":") { port = try Self.port(authority.dropFirst(), invalid) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try Self.port(authority[authority.index(after: colon)...], invalid)
        } else {
            host = String(authority)
        }
        if host.isEmpty { host = "localhost" }
        database = path.isEmpty ? nil : try Self.percentDecoded(path, invalid)
        for pair in query.split(separator: "&") where pair.hasPrefix("sslmode=") {
            guard let mode = SSLMode(rawValue: String(pair.dropFirst("sslmode=".count))) else { throw invalid("unknown sslmode") }
            sslMode = mode
        }
    }

    /// The URL with the password masked, safe for logs and error messages.
    public var description: String {
        let credentials = password == nil ? username : username + ":***"
        let mode = sslMode.map { "?sslmode=\($0.rawValue)" } ?? ""
        return "postgres://\(credentials)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database ?? "")\(mode)"
    }

    /// True for localhost and the loopback addresses, where TLS adds nothing.
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// What `sslmode` asks of TLS: nil for none, else the configuration and whether the
    /// connection must fail without it. One answer for the pool and for single connections.
    private var tlsChoice: (configuration: TLSConfiguration, required: Bool)? {
        switch sslMode {
        case .disable, .allow: return nil
        case .prefer: return (.makeClientConfiguration(), false)
        case .require:
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            return (unverified, true)
        case .verifyCA, .verifyFull: return (.makeClientConfiguration(), true)
        case nil: return isLoopback ? nil : (.makeClientConfiguration(), false)
        }
    }

    /// A single connection to the same server and database as another user: the query roles.
    func connectionConfiguration(username: String, password: String) throws -> PostgresConnection.Configuration {
        var tls = PostgresConnection.Configuration.TLS.disable
        if let choice = tlsChoice {
            let context = try NIOSSLContext(configuration: choice.configuration)
            tls = choice.required ? .require(context) : .prefer(context)
        }
        var configuration = PostgresConnection.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// The client configuration for this URL.
    public var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            tlsChoice.map { $0.required ? .require($0.configuration) : .prefer($0.configuration) } ?? .disable
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 10
        return configuration
    }

    private static func port(_ text: Substring, _ invalid: (String) -> StoreError) throws -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw invalid("bad port") }
        return port
    }

    private static func percentDecoded(_ text: Substring, _ invalid: (String) -> StoreError) throws -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(), let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw invalid("bad percent escape") }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
