import AureusCore
import Testing

/// The test digester must itself be right, or the chain tests would prove nothing.
@Suite struct ReferenceSHA256Tests {
    private func hex(_ text: String) -> String { AuditChain.hex(ReferenceSHA256().sha256(Array(text.utf8))) }

    @Test func fipsExampleVectors() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func paddingBoundaries() {
        // 55, 56 and 64 bytes straddle the one-block / two-block padding edge; each must give a
        // distinct 32-byte digest (a padding bug typically collides or crashes here).
        let digests = [55, 56, 63, 64, 65].map { ReferenceSHA256().sha256([UInt8](repeating: 0x61, count: $0)) }
        #expect(digests.allSatisfy { $0.count == 32 })
        #expect(Set(digests).count == digests.count)
        #expect(
            AuditChain.hex(digests[3]) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            "64 × 'a'"
        )
    }
}
