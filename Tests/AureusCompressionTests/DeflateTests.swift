import Testing

@testable import AureusCompression

@Suite("Deflate")
struct DeflateTests {
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test(
        "round trip keeps every byte",
        arguments: [
            ("empty", []),
            ("one byte", [0x00]),
            ("text", Array(#"{"type":"sleep.updated","data":{"id":"abc"}}"#.utf8)),
            ("repetitive 200 KiB", Array(repeating: Array("heart_rate=61.5;".utf8), count: 12_800).flatMap { $0 }),
            ("random 64 KiB", randomBytes(64 * 1024)),
        ] as [(String, [UInt8])]
    )
    func roundTrip(_ name: String, _ bytes: [UInt8]) throws {
        let packed = try Deflate.compress(bytes)
        #expect(!packed.isEmpty, "\(name): even empty input is a non-empty stream")
        #expect(try Deflate.decompress(packed, originalSize: bytes.count) == bytes, "\(name)")
        for level: Int32 in [0, 9] {
            #expect(try Deflate.decompress(Deflate.compress(bytes, level: level), originalSize: bytes.count) == bytes, "\(name) level \(level)")
        }
    }

    @Test("a batch reuses one deflate state; every stream stands alone and matches a single compress")
    func batch() throws {
        let inputs: [[UInt8]] = [
            Array("first body".utf8), [], Self.randomBytes(10_000), Array(repeating: 7, count: 50_000), Array("first body".utf8),
        ]
        let packed = try Deflate.compress(inputs)
        #expect(packed.count == inputs.count)
        for (input, stream) in zip(inputs, packed) {
            #expect(try Deflate.decompress(stream, originalSize: input.count) == input)
            #expect(try stream == Deflate.compress(input))
        }
        #expect(try Deflate.compress([] as [[UInt8]]).isEmpty)
    }

    @Test("repetitive input shrinks; incompressible input grows only by zlib's small overhead")
    func sizes() throws {
        let repetitive = Array(repeating: Array("heart_rate=61.5;".utf8), count: 1_000).flatMap { $0 }
        #expect(try Deflate.compress(repetitive).count < repetitive.count / 10)
        let random = Self.randomBytes(100_000)
        let packed = try Deflate.compress(random)
        #expect(packed.count >= random.count / 2 && packed.count <= random.count + random.count / 100 + 64)
    }

    @Test("a wrong size, truncation, trailing bytes or garbage are corrupt, never a crash")
    func corruptInput() throws {
        let body = Array(String(repeating: "sample,", count: 500).utf8)
        let packed = try Deflate.compress(body)
        let cases: [(String, [UInt8], Int)] = [
            ("size too small", packed, body.count - 1),
            ("size too large", packed, body.count + 1),
            ("negative size", packed, -1),
            ("impossible size", packed, Int.max),
            ("truncated", Array(packed.dropLast(3)), body.count),
            ("trailing bytes", packed + [1, 2, 3], body.count),
            ("garbage", Self.randomBytes(64), 100),
            ("empty stream", [], 0),
        ]
        for (name, bytes, size) in cases {
            #expect(throws: DeflateError.self, "\(name)") { try Deflate.decompress(bytes, originalSize: size) }
            do {
                _ = try Deflate.decompress(bytes, originalSize: size)
            } catch {
                #expect(error.kind == .corrupt, "\(name): \(error)")
            }
        }
    }
}
