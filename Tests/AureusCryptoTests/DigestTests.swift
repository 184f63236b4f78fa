import AureusCrypto
import Testing

/// SHA-256 (NIST examples) and HMAC-SHA256 (RFC 4231) known answers.
@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
        #expect(SHA256.hash(Array(message.utf8)).count == SHA256.byteCount)
    }

    @Test func sha256OfOneMillionA() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256AcceptsAnyCollection() {
        let bytes: [UInt8] = Array("xabcx".utf8)
        #expect(SHA256.hash(bytes[1..<4]) == SHA256.hash(Array("abc".utf8)))
    }

    struct HMACCase: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: [UInt8]
        let data: [UInt8]
        let mac: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    static let rfc4231: [HMACCase] = [
        HMACCase(
            number: 1,
            key: [UInt8](repeating: 0x0b, count: 20),
            data: Array("Hi There".utf8),
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        HMACCase(
            number: 2,
            key: Array("Jefe".utf8),
            data: Array("what do ya want for nothing?".utf8),
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        HMACCase(
            number: 3,
            key: [UInt8](repeating: 0xaa, count: 20),
            data: [UInt8](repeating: 0xdd, count: 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        HMACCase(
            number: 4,
            key: Array(1...25),
            data: [UInt8](repeating: 0xcd, count: 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        HMACCase(
            number: 6,
            key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        HMACCase(
            number: 7,
            key: [UInt8](repeating: 0xaa, count: 131),
            data: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed "
                    + "before being used by the HMAC algorithm.").utf8
            ),
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ]

    @Test(arguments: rfc4231)
    func hmacVectors(_ vector: HMACCase) throws {
        #expect(Hex.encode(HMACSHA256.mac(key: vector.key, message: vector.data)) == vector.mac)
        #expect(HMACSHA256.verify(mac: try #require(Hex.decode(vector.mac)), key: vector.key, message: vector.data))
    }

    @Test func hmacTruncatedCase5() {
        // Case 5 specifies only the first 128 bits of the output.
        let mac = HMACSHA256.mac(key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
        #expect(Hex.encode(mac.prefix(16)) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func hmacVerifyRejectsTampering() {
        let key = Array("webhook-secret".utf8)
        let body = Array(#"{"event":"push"}"#.utf8)
        let mac = HMACSHA256.mac(key: key, message: body)
        #expect(HMACSHA256.byteCount == 32)
        #expect(!HMACSHA256.verify(mac: mac, key: key, message: body + [0x20]))
        #expect(!HMACSHA256.verify(mac: mac, key: Array("webhook-secreT".utf8), message: body))
        // HMAC pads short keys with zeros, so a trailing NUL is the same key (RFC 2104), not a different one.
        #expect(HMACSHA256.verify(mac: mac, key: key + [0], message: body))
        #expect(!HMACSHA256.verify(mac: Array(mac.prefix(16)), key: key, message: body))
        var flipped = mac
        flipped[31] ^= 1
        #expect(!HMACSHA256.verify(mac: flipped, key: key, message: body))
        #expect(!HMACSHA256.verify(mac: [], key: key, message: body))
    }
}
