import AureusRedis
import Testing

@Suite("RedisConfiguration URL parsing")
struct RedisConfigurationTests {
    @Test func hostAndPort() throws {
        let configuration = try RedisConfiguration(url: "redis://10.1.2.3:6380")
        #expect(configuration.host == "10.1.2.3")
        #expect(configuration.port == 6380)
        #expect(configuration.password == nil)
        #expect(configuration.username == nil)
        #expect(configuration.database == 0)
    }

    @Test func defaultsPortAndAcceptsTrailingSlash() throws {
        let configuration = try RedisConfiguration(url: "redis://cache.internal/")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
    }

    @Test func passwordAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://:p%40ss:w0rd@127.0.0.1:7000/5")
        #expect(configuration.password == "p@ss:w0rd")
        #expect(configuration.username == nil)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 7000)
        #expect(configuration.database == 5)
    }

    @Test func passwordMayContainAtSign() throws {
        let configuration = try RedisConfiguration(url: "redis://:a@b@host:1")
        #expect(configuration.password == "a@b")
        #expect(configuration.host == "host")
    }

    @Test func userAndPassword() throws {
        let configuration = try RedisConfiguration(url: "redis://aureus:secret@host:6379/1")
        #expect(configuration.username == "aureus")
        #expect(configuration.password == "secret")
        #expect(configuration.database == 1)
    }

    @Test func ipv6Host() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:6390")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 6390)
        #expect(configuration.description == "redis://[::1]:6390/0")
    }

    @Test func descriptionMasksThePassword() throws {
        let configuration = try RedisConfiguration(url: "redis://aureus:hunter2@host:6379/2")
        #expect(configuration.description == "redis://aureus:***@host:6379/2")
        #expect(!configuration.description.contains("hunter2"))
    }

    @Test(arguments: [
        "http://host:6379", "redis://", "redis://host:0", "redis://host:70000", "redis://host:port",
        "redis://host:6379/db", "redis://host:6379/-1", "redis://[::1", "redis://:bad%zz@host", "redis://[::1]x",
    ])
    func rejectsMalformedURLs(_ url: String) {
        let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
        #expect(error?.code == .invalidURL)
    }
}
