import AureusCore
import AureusProtocol
import Foundation
import Testing

@Suite("Spike wire formats: binary live frames, decimation, compact marks")
struct SpikeWireTests {
    @Test func binaryFramesRoundTripAndEveryTruncationIsRefusedWithAnOffset() throws {
        let samples: [Float] = (0..<24).map { Float($0) * 1.5 - 9 }
        for encoding in [NeuralStreamFrame.Encoding.int16, .float32] {
            let frame = NeuralStreamFrame.make(sourceID: "n-12", encoding: encoding, channelCount: 3, firstFrame: 1 << 40, samples: samples)
            let bytes = frame.encoded()
            #expect(bytes.count == 24 + 4 + 24 * encoding.bytesPerSample)
            let decoded = try NeuralStreamFrame.decode(bytes)
            #expect(decoded.sourceID == "n-12" && decoded.channelCount == 3 && decoded.frameCount == 8 && decoded.firstFrame == 1 << 40)
            var out: [Float] = []
            decoded.appendMicrovolts(to: &out, microvoltsPerBit: 2)
            let expected = encoding == .int16 ? samples.map { $0.rounded() * 2 } : samples
            #expect(out == expected)
            for length in 0..<bytes.count {
                #expect(throws: NeuralStreamFrameError.self) { try NeuralStreamFrame.decode(Array(bytes.prefix(length))) }
            }
        }
        var bad = NeuralStreamFrame.make(sourceID: "x", encoding: .int16, channelCount: 1, firstFrame: 0, samples: [1]).encoded()
        bad[5] = 9
        #expect(throws: NeuralStreamFrameError(offset: 5, reason: "encoding 9 is unknown (1 = int16, 2 = float32)")) {
            try NeuralStreamFrame.decode(bad)
        }
        bad[0] = UInt8(ascii: "X")
        #expect(throws: NeuralStreamFrameError(offset: 0, reason: "magic is not 'AUNS'")) { try NeuralStreamFrame.decode(bad) }
        // A channel count whose product overflows is refused, not trapped on.
        var huge = NeuralStreamFrame.make(sourceID: "x", encoding: .float32, channelCount: 1, firstFrame: 0, samples: [1]).encoded()
        for index in 8..<16 { huge[index] = 0xFF }
        #expect(throws: NeuralStreamFrameError.self) { try NeuralStreamFrame.decode(huge) }
    }

    @Test func decimationKeepsAnEvenSpreadAndCountsTheRest() {
        let marks = (0..<1000).map { SpikeMark(channel: $0 % 96, sample: Int64($0 * 10), amplitude: -50) }
        let frame = SpikesFrame(
            stream: "n-1",
            time: Timestamp(milliseconds: 0),
            sampleRate: 30_000,
            channelCount: 96,
            fromSample: 0,
            toSample: 10_000,
            spikes: marks,
            omitted: 3
        )
        let allowed = SpikeDecimation.allowance(budgetPerSecond: 2_000, wallSeconds: 0.05, streams: 2)
        #expect(allowed == 50)
        let thinned = SpikeDecimation.frame(frame, allowed: allowed)
        #expect(thinned.spikes.count == 50 && thinned.omitted == 3 + 950)
        #expect(thinned.spikes.first?.sample == 0 && thinned.spikes.last?.sample == 9800)
        #expect(SpikeDecimation.frame(frame, allowed: 5000) == frame)
        #expect(SpikeDecimation.allowance(budgetPerSecond: 0, wallSeconds: 1, streams: 1) == 0)
        #expect(SpikeDecimation.allowance(budgetPerSecond: 10, wallSeconds: 0.001, streams: 8) == 1)
    }

    @Test func spikeMarksTravelAsCompactArrays() throws {
        let json = try JSONCoding.encode(SpikeMark(channel: 7, sample: 123_456_789_012, amplitude: -61.5))
        #expect(String(decoding: json, as: UTF8.self) == "[7,123456789012,-61.5]")
        #expect(try JSONCoding.decoder.decode(SpikeMark.self, from: Data(json)) == SpikeMark(channel: 7, sample: 123_456_789_012, amplitude: -61.5))
    }
}
