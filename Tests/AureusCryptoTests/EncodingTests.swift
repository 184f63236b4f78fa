import AureusCrypto
import Testing

/// Base64 (tokens, keys), hex (hashes) and constant-time comparison.
@Suite struct EncodingTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64RFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(Base64.encode(Array(plain.utf8), variant: .urlSafeNoPadding) == unpadded)
        #expect(Base64.decode(unpadded, variant: .urlSafeNoPadding) == Array(plain.utf8))
    }

    @Test func alphabetsDiffer() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe]
        #expect(Base64.encode(bytes) == "+//+")
        #expect(Base64.encode(bytes, variant: .urlSafeNoPadding) == "-__-")
        #expect(Base64.decode("-__-") == nil)
        #expect(Base64.decode("+//+", variant: .urlSafeNoPadding) == nil)
    }

    @Test func roundTripsEveryLengthAndByte() {
        var bytes: [UInt8] = []
        for length in 0...70 {
            for variant in [Base64.Variant.standard, .urlSafeNoPadding] {
                #expect(Base64.decode(Base64.encode(bytes, variant: variant), variant: variant) == bytes, "length \(length)")
            }
            bytes.append(UInt8(truncatingIfNeeded: length &* 37 &+ 11))
        }
        let all = (0...255).map(UInt8.init)
        #expect(Base64.decode(Base64.encode(all)) == all)
        #expect(Base64.decode(Base64.encode(all, variant: .urlSafeNoPadding), variant: .urlSafeNoPadding) == all)
    }

    @Test(arguments: ["Zg", "Zg=", "Z===", "Zm9v!", "Zm 9v", "Zm9vYg==Zg==", "é", "Zm9vYg=x"])
    func invalidStandardBase64IsNil(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zg==", "Zm8=", "a+b/", "Z", "Zm9v$"])
    func invalidURLSafeBase64IsNil(text: String) {
        #expect(Base64.decode(text, variant: .urlSafeNoPadding) == nil)
    }

    @Test func hexEncodesLowercase() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]) == "00017f80abff")
        #expect(Hex.encode((0...255).map(UInt8.init)).count == 512)
    }

    @Test func hexDecodesBothCases() {
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("00017f80abff") == [0x00, 0x01, 0x7f, 0x80, 0xab, 0xff])
        #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
        let all = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(all)) == all)
        #expect(Hex.decode(Hex.encode(all).uppercased()) == all)
    }

    @Test(arguments: ["0", "abc", "0g", "g0", "zz", "12 4", "0x12", "-1", "１２", "é0"])
    func invalidHexIsNil(text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func constantTimeEquals() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
        let long = SecureRandom.bytes(1_000)
        var other = long
        #expect(ConstantTime.equals(long, other))
        other[999] ^= 0x80
        #expect(!ConstantTime.equals(long, other))
    }

    @Test func secureRandomBytes() {
        #expect(SecureRandom.bytes(0) == [])
        #expect(SecureRandom.bytes(32).count == 32)
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }
}
