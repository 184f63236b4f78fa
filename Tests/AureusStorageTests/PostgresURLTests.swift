import AureusStorage
import Testing

@Suite("PostgresURL")
struct PostgresURLTests {
    @Test("parses every part and percent-decodes credentials")
    func fullURL() throws {
        let url = try PostgresURL("postgres://app%40corp:p%3Ass@db.internal:6543/aureus_prod?sslmode=require")
        #expect(url.username == "app@corp" && url.password == "p:ss")
        #expect(url.host == "db.internal" && url.port == 6543 && url.database == "aureus_prod")
        #expect(url.sslMode == .require && !url.isLoopback)
        #expect(url.description == "postgres://app@corp:***@db.internal:6543/aureus_prod?sslmode=require")
        #expect(!"\(url)".contains("p:ss"))
    }

    @Test("defaults: user postgres, port 5432, no database, loopback")
    func defaults() throws {
        let url = try PostgresURL("postgresql://127.0.0.1")
        #expect(url.username == "postgres" && url.password == nil && url.port == 5432 && url.database == nil)
        #expect(url.isLoopback && url.sslMode == nil)
        let ipv6 = try PostgresURL("postgres://u@[::1]:5433/d")
        #expect(ipv6.host == "::1" && ipv6.port == 5433 && ipv6.isLoopback && ipv6.username == "u")
    }

    @Test(
        "rejects other schemes, bad ports and unknown sslmodes",
        arguments: [
            "mysql://u@h/d", "postgres://u@h:99999/d", "postgres://u@h:abc/d", "postgres://u@h/d?sslmode=maybe", "localhost:5432",
        ]
    )
    func rejects(_ text: String) {
        #expect(throws: (any Error).self) { try PostgresURL(text) }
    }
}
