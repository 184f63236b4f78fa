/// `http://host:port[/prefix]`, parsed once from the configured base URL. Only plain HTTP:
/// Ollama listens on loopback by default, and a remote one belongs behind a local proxy.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    /// Path prefix without a trailing slash ("" for none).
    public let prefix: String

    public init(_ url: String) throws(OllamaError) {
        guard url.hasPrefix("http://") else { throw OllamaError(.badResponse, "base URL must start with http:// (got '\(url)')") }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw OllamaError(.badResponse, "base URL has a bad port: '\(url)'")
            }
            port = number
            host = String(authority[..<colon])
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw OllamaError(.badResponse, "base URL has no host: '\(url)'") }
        self.host = host
        self.port = port
        self.prefix = path
    }

    public var description: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(prefix)" }
}
