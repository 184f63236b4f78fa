import Testing

@testable import AureusSpikes

@Suite("BiquadCascade")
struct BiquadCascadeTests {
    static func noise(frames: Int, channels: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<(frames * channels)).map { _ in Float(rng.nextGaussian()) }
    }

    /// Odd channel counts exercise the zero-padded last SIMD group; order 3 exercises the generic (non-unrolled) path.
    @Test(arguments: [(8, 2), (11, 2), (3, 3), (19, 1)])
    func blocksFilterExactlyLikeOneShot(_ channels: Int, _ order: Int) throws {
        let sections = try ButterworthDesign(sampleRate: 30_000, order: order).sections
        let frames = 3_000
        let input = Self.noise(frames: frames, channels: channels, seed: 11)
        var oneShot = BiquadCascade(sections: sections, channels: channels)
        var expected = [Float](repeating: 0, count: input.count)
        oneShot.process(input, into: &expected)

        var streamed = BiquadCascade(sections: sections, channels: channels)
        var output = [Float](repeating: .nan, count: input.count)
        var start = 0
        var blockFrames = 1
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                while start < frames {
                    let n = min(blockFrames, frames - start)
                    let range = (start * channels)..<((start + n) * channels)
                    streamed.process(UnsafeBufferPointer(rebasing: i[range]), into: UnsafeMutableBufferPointer(rebasing: o[range]))
                    start += n
                    blockFrames = blockFrames * 3 % 257 + 1  // irregular block sizes, including 1 frame
                }
            }
        }
        #expect(output == expected)
    }

    @Test func channelsAreIndependent() throws {
        let sections = try ButterworthDesign(sampleRate: 30_000).sections
        let channels = 10
        let frames = 500
        var input = [Float](repeating: 0, count: frames * channels)
        for t in 0..<frames { input[t * channels + 9] = Float(t % 7) - 3 }
        var filter = BiquadCascade(sections: sections, channels: channels)
        filter.processInPlace(&input)
        for t in 0..<frames {
            for c in 0..<9 { #expect(input[t * channels + c] == 0) }
        }
        var single = [Float]((0..<frames).map { Float($0 % 7) - 3 })
        var alone = BiquadCascade(sections: sections, channels: 1)
        alone.processInPlace(&single)
        #expect((0..<frames).map { input[$0 * channels + 9] } == single)
    }

    /// Steady-state RMS gain for a sine at `frequency`, skipping the first 100 ms of transient.
    static func gain(frequency: Double, dc: Bool = false) throws -> Double {
        let rate = 30_000.0
        var filter = BiquadCascade(sections: try ButterworthDesign(sampleRate: rate).sections, channels: 8)
        let frames = 9_000
        var block = [Float](repeating: 0, count: frames * 8)
        for t in 0..<frames {
            let v = dc ? 1 : Float(PlatformMath.sin(2 * Double.pi * frequency * Double(t) / rate))
            for c in 0..<8 { block[t * 8 + c] = v }
        }
        let input = block
        filter.processInPlace(&block)
        var outPower = 0.0
        var inPower = 0.0
        for t in 3_000..<frames {
            outPower += Double(block[t * 8 + 5] * block[t * 8 + 5])
            inPower += Double(input[t * 8 + 5] * input[t * 8 + 5])
        }
        return (outPower / inPower).squareRoot()
    }

    @Test func inBandSinePassesNearUnity() throws {
        #expect(abs(try Self.gain(frequency: 1_500) - 1) < 0.02)
    }

    @Test func dcAndFarOutOfBandAreAttenuated() throws {
        #expect(try Self.gain(frequency: 0, dc: true) < 1e-3)
        #expect(try Self.gain(frequency: 20) < 0.01)  // -40 dB/decade below 300 Hz for order 2
        #expect(try Self.gain(frequency: 14_000) < 0.05)
    }
}
