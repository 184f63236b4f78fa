import AureusCrypto
import Testing

/// RFC 8032 section 7.1 known answers, and the properties approval signatures rely on.
@Suite struct Ed25519Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let secretKey: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { name }
    }

    /// Typed from RFC 8032 section 7.1 ("SECRET KEY" is the 32-byte seed).
    static let rfc8032: [Vector] = [
        Vector(
            name: "TEST 1",
            secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature:
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        Vector(
            name: "TEST 2",
            secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature:
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        Vector(
            name: "TEST 3",
            secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature:
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
        Vector(
            name: "TEST SHA(abc)",
            secretKey: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            message:
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            signature:
                "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
        ),
    ]

    @Test(arguments: rfc8032)
    func knownAnswer(_ vector: Vector) throws {
        let seed = try #require(Hex.decode(vector.secretKey))
        let message = try #require(Hex.decode(vector.message))
        let pair = try Ed25519.KeyPair(seed: seed)
        #expect(Hex.encode(pair.publicKey.bytes) == vector.publicKey)
        #expect(pair.seed == seed)
        #expect(pair.secretKey.count == 64)
        #expect(Hex.encode(pair.sign(message)) == vector.signature)
        let publicKey = try Ed25519.PublicKey(bytes: try #require(Hex.decode(vector.publicKey)))
        #expect(publicKey.verify(signature: try #require(Hex.decode(vector.signature)), message: message))
    }

    @Test func shaAbcMessageIsSHA512OfAbc() {
        // TEST SHA(abc) signs SHA-512("abc"); the well-known digest ends in …a54ca49f.
        #expect(Self.rfc8032[3].message.count == 128)
        #expect(Self.rfc8032[3].message.hasPrefix("ddaf35a193617aba"))
    }

    @Test func signingIsDeterministic() throws {
        let pair = Ed25519.KeyPair()
        let message = Array("approve request 42".utf8)
        #expect(pair.sign(message) == pair.sign(message))
        #expect(pair.sign(message) != pair.sign(message + [0]))
        // The same seed gives the same key pair and signatures.
        let again = try Ed25519.KeyPair(seed: pair.seed)
        #expect(again.publicKey == pair.publicKey)
        #expect(again.sign(message) == pair.sign(message))
    }

    @Test func freshKeyPairsDiffer() {
        #expect(Ed25519.KeyPair().publicKey != Ed25519.KeyPair().publicKey)
    }

    @Test func anyBitFlipFailsVerification() throws {
        let pair = try Ed25519.KeyPair(seed: try #require(Hex.decode(Self.rfc8032[2].secretKey)))
        let message = Array("decision: approve; request: 7".utf8)
        let signature = pair.sign(message)
        #expect(pair.publicKey.verify(signature: signature, message: message))
        for bit in 0..<(message.count * 8) {
            var flipped = message
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!pair.publicKey.verify(signature: signature, message: flipped), "message bit \(bit)")
        }
        for bit in 0..<(signature.count * 8) {
            var flipped = signature
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!pair.publicKey.verify(signature: flipped, message: message), "signature bit \(bit)")
        }
        for bit in 0..<(pair.publicKey.bytes.count * 8) {
            var flipped = pair.publicKey.bytes
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            let key = try Ed25519.PublicKey(bytes: flipped)
            #expect(!key.verify(signature: signature, message: message), "public key bit \(bit)")
        }
    }

    @Test func wrongLengthsAreRefused() throws {
        #expect(throws: CryptoError.self) { try Ed25519.PublicKey(bytes: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptoError.self) { try Ed25519.KeyPair(seed: [UInt8](repeating: 1, count: 33)) }
        let pair = Ed25519.KeyPair()
        let signature = pair.sign([1, 2, 3])
        #expect(!pair.publicKey.verify(signature: Array(signature.dropLast()), message: [1, 2, 3]))
        #expect(!pair.publicKey.verify(signature: signature + [0], message: [1, 2, 3]))
        #expect(!pair.publicKey.verify(signature: [], message: [1, 2, 3]))
    }

    @Test func signatureOfOneKeyFailsUnderAnother() {
        let alice = Ed25519.KeyPair()
        let bob = Ed25519.KeyPair()
        #expect(!bob.publicKey.verify(signature: alice.sign([9]), message: [9]))
    }

    @Test func sizes() {
        #expect(Ed25519.publicKeyBytes == 32)
        #expect(Ed25519.secretKeyBytes == 64)
        #expect(Ed25519.seedBytes == 32)
        #expect(Ed25519.signatureBytes == 64)
    }

    /// RFC 8032 test 1's public key; expected value from Python:
    /// `hashlib.sha256(bytes.fromhex("d75a98…511a")).hexdigest()[:16]`.
    @Test func approverKeyIDIsAPrefixOfTheKeysSHA256() throws {
        let key = try Ed25519.PublicKey(bytes: Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a") ?? [])
        #expect(key.approverKeyID == "ak-21fe31dfa154a261")
    }
}
