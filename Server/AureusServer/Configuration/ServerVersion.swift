/// The server's release version, reported by `server.hello` and `aureusd version`.
public enum ServerVersion {
    public static let string = "0.1.0"
    /// Features a client may rely on; each later issue adds its own.
    public static let capabilities = ["auth", "rbac", "audit", "subscribe", "batch", "api-tokens"]
}
