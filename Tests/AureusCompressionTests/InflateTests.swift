import Testing

@testable import AureusCompression

@Suite("Inflate of unknown size")
struct InflateTests {
    static let body = Array(String(repeating: "0.25,-1.5,", count: 40_000).utf8)

    @Test("inflates what compress wrote, over many output steps, and reports the stream's length")
    func roundTrip() throws {
        for input in [[], [0x41], Self.body, DeflateTests.randomBytes(200_000)] as [[UInt8]] {
            let packed = try Deflate.compress(input)
            let (output, consumed) = try Deflate.inflate(packed[...], limit: input.count)
            #expect(output == input)
            #expect(consumed == packed.count)
        }
    }

    @Test("bytes after the end of the stream are left alone; a slice works at any start index")
    func trailingBytes() throws {
        let packed = try Deflate.compress(Self.body)
        let framed: [UInt8] = [9, 9, 9] + packed + [0, 0, 0, 0, 0]
        let (output, consumed) = try Deflate.inflate(framed[3...], limit: .max)
        #expect(output == Self.body && consumed == packed.count)
    }

    @Test("truncated, damaged or over-limit streams are errors, never a crash")
    func failures() throws {
        let packed = try Deflate.compress(Self.body)
        var damaged = packed
        for index in 10..<30 { damaged[index] ^= 0xA5 }
        let cases: [(String, [UInt8], Int, DeflateError.Kind)] = [
            ("empty", [], .max, .corrupt),
            ("truncated", Array(packed.dropLast(10)), .max, .corrupt),
            ("header only", Array(packed.prefix(2)), .max, .corrupt),
            ("damaged", damaged, .max, .corrupt),
            ("garbage", DeflateTests.randomBytes(1000), .max, .corrupt),
            ("over limit", packed, Self.body.count - 1, .tooLarge),
        ]
        for (name, bytes, limit, kind) in cases {
            do {
                _ = try Deflate.inflate(bytes[...], limit: limit)
                Issue.record("\(name): inflated")
            } catch {
                #expect(error.kind == kind, "\(name): \(error)")
            }
        }
    }
}
