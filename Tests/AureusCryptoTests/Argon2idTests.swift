import AureusCrypto
import Testing

/// Password hashing with the cheapest parameters libsodium accepts, so the suite stays fast.
@Suite struct Argon2idTests {
    @Test func hashAndVerify() throws {
        let hash = try Argon2id.hash(password: "correct horse battery staple", parameters: .minimal)
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(Argon2id.verify(password: "correct horse battery staple", hash: hash))
        #expect(!Argon2id.verify(password: "correct horse battery stapl", hash: hash))
        #expect(!Argon2id.verify(password: "Correct horse battery staple", hash: hash))
        #expect(!Argon2id.verify(password: "", hash: hash))
    }

    @Test func hashesAreSaltedAndCarryTheirParameters() throws {
        let first = try Argon2id.hash(password: "pässwörd ✓", parameters: .minimal)
        let second = try Argon2id.hash(password: "pässwörd ✓", parameters: .minimal)
        #expect(first != second)
        #expect(Argon2id.verify(password: "pässwörd ✓", hash: first))
        #expect(Argon2id.verify(password: "pässwörd ✓", hash: second))
        #expect(first.contains("$v=19$"))
        let memoryKiB = Argon2id.Parameters.minimal.memLimit / 1024
        #expect(first.contains("m=\(memoryKiB),t=\(Argon2id.Parameters.minimal.opsLimit),"))
    }

    @Test func minimalIsCheaperThanInteractive() {
        #expect(Argon2id.Parameters.minimal.memLimit < Argon2id.Parameters.interactive.memLimit)
        #expect(Argon2id.Parameters.minimal.opsLimit <= Argon2id.Parameters.interactive.opsLimit)
    }

    @Test func garbageHashesNeverVerify() {
        for hash in ["", "$argon2id$", "not a hash", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"] {
            #expect(!Argon2id.verify(password: "x", hash: hash), "\(hash)")
        }
    }

    @Test func tooWeakParametersThrow() {
        #expect(throws: CryptoError.self) { try Argon2id.hash(password: "x", parameters: .init(opsLimit: 0, memLimit: 0)) }
    }
}
