import Testing

@testable import AureusSpikes

@Suite("SyntheticRecording")
struct SyntheticRecordingTests {
    static let configuration = SyntheticRecording.Configuration(channels: 4, sampleRate: 20_000, duration: 3, units: 5, seed: 42)

    @Test func sameSeedSameRecording() {
        let a = SyntheticRecording(configuration: Self.configuration)
        let b = SyntheticRecording(configuration: Self.configuration)
        #expect(a.samples == b.samples && a.spikes == b.spikes && a.units == b.units)
        var other = Self.configuration
        other.seed = 43
        #expect(SyntheticRecording(configuration: other).samples != a.samples)
    }

    @Test func noiseFreeTwinHasTheSameSpikes() {
        var clean = Self.configuration
        clean.includeNoise = false
        let noisy = SyntheticRecording(configuration: Self.configuration)
        let quiet = SyntheticRecording(configuration: clean)
        #expect(noisy.spikes == quiet.spikes && noisy.units == quiet.units)
        // With no noise, the main channel at each spike holds exactly −snr·σ (the template's trough is −1).
        for spike in quiet.spikes.prefix(20) {
            let value = quiet.samples[Int(spike.sampleIndex) * 4 + spike.channel]
            let unit = quiet.units[spike.unit]
            #expect(value <= Float(-unit.snr * 5) + 1e-3)
        }
    }

    @Test func trainsRespectRefractoryPeriodAndRate() {
        var c = Self.configuration
        c.duration = 60
        c.includeNoise = false
        let rec = SyntheticRecording(configuration: c)
        for (index, unit) in rec.units.enumerated() {
            let times = rec.spikes.filter { $0.unit == index }.map(\.sampleIndex)
            for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 80) }  // 4 ms at 20 kHz
            let rate = Double(times.count) / c.duration
            #expect(abs(rate / unit.firingRate - 1) < 0.25, "unit \(index): \(rate) vs \(unit.firingRate)")
        }
    }

    @Test func templateTroughIsMinusOneAtItsIndex() {
        let template = SpikeTemplate(sampleRate: 30_000)
        #expect(template.samples[template.troughIndex] == -1)
        #expect(template.samples.min() == -1)
        #expect(template.samples.count == 121)
        #expect(abs(template.troughIndex - 30) <= 1)
    }
}
