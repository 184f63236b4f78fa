import AureusCore
import AureusProtocol
import Testing

/// Audit summaries and logs must never carry a secret, however deep or however spelled.
@Suite struct SecretRedactionTests {
    @Test(arguments: [
        "password", "Password", "PASSWORD", "newPassword", "oldPassword", "password_confirm", "clientSecret", "SECRET",
        "token", "apiToken", "Token_ID", "privateKey", "private_key", "PrivateKey", "signature_key", "Authorization", "AUTHORIZATION",
    ])
    func secretKeys(key: String) {
        #expect(SecretRedaction.isSecret(key: key))
    }

    @Test(arguments: ["username", "role", "name", "id", "ttlDays", "topics", "signature", "key", "pass", "auth", "private"])
    func ordinaryKeys(key: String) {
        #expect(!SecretRedaction.isSecret(key: key))
    }

    @Test func redactsAtEveryDepth() {
        let params: JSONValue = [
            "username": "alice",
            "Password": "hunter2",
            "profile": ["display": "Alice", "apiToken": "aut_abc", "keys": [["name": "k1", "private_key": "-----BEGIN"], "plain"]],
            "batch": [["newPassword": ["nested": "object"]], ["ok": true], 5],
        ]
        let expected: JSONValue = [
            "username": "alice",
            "Password": "[redacted]",
            "profile": ["display": "Alice", "apiToken": "[redacted]", "keys": [["name": "k1", "private_key": "[redacted]"], "plain"]],
            "batch": [["newPassword": "[redacted]"], ["ok": true], 5],
        ]
        let redacted = SecretRedaction.redact(params)
        #expect(redacted == expected)
        let text = CanonicalJSON.string(redacted)
        for secret in ["hunter2", "aut_abc", "BEGIN", "object"] { #expect(!text.contains(secret), "\(secret) leaked") }
    }

    @Test func leavesNonContainersAlone() {
        for value: JSONValue in [nil, true, 3, 2.5, "password", []] { #expect(SecretRedaction.redact(value) == value) }
    }

    @Test func redactsNullAndEmptySecretsToo() {
        // Even the presence/absence shape of a secret is replaced, so summaries are uniform.
        #expect(SecretRedaction.redact(["token": nil, "secret": ""]) == ["token": "[redacted]", "secret": "[redacted]"])
    }

    @Test func isIdempotent() {
        let once = SecretRedaction.redact(["password": "x", "a": [["token": "y"]]])
        #expect(SecretRedaction.redact(once) == once)
    }
}

/// Logs name users only by first character and fingerprint.
@Suite struct MaskedUserTests {
    @Test(arguments: ["alice", "bob", "ab", "Émile", "日本語ユーザー", "x.y_z-1", "a"])
    func showsOnlyTheFirstCharacter(username: String) {
        let masked = MaskedUser(username, fingerprint: "0f1e2d3c4b5a")
        #expect(masked.description == "\(username.first!)***#0f1e2d")
        if username.count > 1 {
            #expect(!masked.description.contains(username))
            #expect(!masked.description.contains(String(username.dropFirst())))
            // No second-character prefix either ("al…" for "alice").
            #expect(!masked.description.contains(String(username.prefix(2))))
        }
    }

    @Test func emptyNameAndShortFingerprint() {
        #expect(MaskedUser("", fingerprint: "abc").description == "?***#abc")
    }

    @Test func fingerprintIsCutToSixCharacters() {
        #expect(MaskedUser("zed", fingerprint: "0123456789").description == "z***#012345")
    }
}
