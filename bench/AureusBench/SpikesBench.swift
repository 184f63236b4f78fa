import AureusSpikes
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `aureus-bench spikes prepare|run …`, driven by `bench/spikes.sh` (`make bench-spikes`):
///
/// - `prepare --channels C --rate FS --seconds S --units U --seed N --dir D` generates the recording with our
///   `SyntheticRecording` and writes `D/recording.raw` (interleaved little-endian float32) and `D/truth.txt`
///   (`sample unit main_channel` per line) for SpikeInterface to read.
/// - `run … --dir D` reads the same file back, times our pipeline on one thread (causal, then zero-phase; both with
///   ``SpikeExclusion`` on, defaults otherwise: order-2 300–6000 Hz, 4.5 σ, running MAD) in 10 ms blocks, and scores our events and SpikeInterface's peaks (`D/si_peaks.txt`, `sample channel` per line;
///   `D/si_timing.txt`) with the same `SpikeScoring` protocol. Prints the table rows and a `RESULT` line per engine.
enum SpikesBench {
    struct Options {
        var channels = 96
        var rate = 30_000.0
        var seconds = 30.0
        var units = 60
        var seed: UInt64 = 42
        var dir = "."
        var repeats = 3
        var blockMilliseconds = 10.0

        init(_ arguments: [String]) {
            func value(_ name: String) -> String? {
                guard let i = arguments.firstIndex(of: "--" + name), i + 1 < arguments.count else { return nil }
                return arguments[i + 1]
            }
            channels = value("channels").flatMap(Int.init) ?? channels
            rate = value("rate").flatMap(Double.init) ?? rate
            seconds = value("seconds").flatMap(Double.init) ?? seconds
            units = value("units").flatMap(Int.init) ?? units
            seed = value("seed").flatMap(UInt64.init) ?? seed
            dir = value("dir") ?? dir
            repeats = value("repeats").flatMap(Int.init) ?? repeats
            blockMilliseconds = value("block-ms").flatMap(Double.init) ?? blockMilliseconds
        }

        func configuration(noise: Bool) -> SyntheticRecording.Configuration {
            .init(channels: channels, sampleRate: rate, duration: seconds, units: units, seed: seed, includeNoise: noise)
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    static func main(_ arguments: [String]) throws {
        let options = Options(arguments)
        switch arguments.dropFirst(2).first {
        case "prepare": try prepare(options)
        case "run": try run(options)
        default: throw BenchError(description: "usage: aureus-bench spikes prepare|run --channels C --rate FS --seconds S --units U --dir D")
        }
    }

    static func prepare(_ o: Options) throws {
        let recording = SyntheticRecording(configuration: o.configuration(noise: true))
        let raw = recording.samples.withUnsafeBufferPointer { Data(buffer: $0) }
        try raw.write(to: URL(fileURLWithPath: o.dir + "/recording.raw"))
        var truth = ""
        for s in recording.spikes { truth += "\(s.sampleIndex) \(s.unit) \(s.channel)\n" }
        try truth.write(toFile: o.dir + "/truth.txt", atomically: true, encoding: .utf8)
        print("prepared \(o.channels) ch × \(Int(o.rate)) Hz × \(o.seconds) s, \(o.units) units, \(recording.spikes.count) spikes")
    }

    static func run(_ o: Options) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: o.dir + "/recording.raw"))
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        guard samples.count == o.channels * Int((o.seconds * o.rate).rounded()) else {
            throw BenchError(description: "recording.raw has \(samples.count) samples, expected \(o.channels) × \(o.seconds * o.rate)")
        }
        // Ground truth and SNR come from the noise-free twin (same seed), not from the file.
        let clean = SyntheticRecording(configuration: o.configuration(noise: false))
        let truth = clean.spikes
        let snr = try referenceSNR(samples: samples, clean: clean.samples, o: o, truth: truth, order: 5, zeroPhase: true)
        // The first round's figure (docs/spikes.md, the accuracy test): SNR after our causal order-2 filter.
        let causalSNR = try referenceSNR(samples: samples, clean: clean.samples, o: o, truth: truth, order: 2, zeroPhase: false)

        var rows: [(String, Timing, SpikeScoring.EventScore)] = []
        // Defaults (matched detection kernel on), then the same without the kernel (the first rounds' detector).
        for (name, zeroPhase, kernel) in [("aureus causal", false, true), ("aureus causal-plain", false, false), ("aureus zero-phase", true, true)] {
            var events: [SpikeEvent] = []
            var timings: [Timing] = []
            for _ in 0..<max(1, o.repeats) {
                events.removeAll(keepingCapacity: true)
                timings.append(try time(samples, o, zeroPhase: zeroPhase, kernel: kernel, into: &events))
            }
            rows.append((name, Timing.median(timings), score(events, truth, o)))
        }
        // `bench/spikes.sh` with SKIP_SI=1 leaves SpikeInterface out: no row, and x SI reads as 0.
        if FileManager.default.fileExists(atPath: o.dir + "/si_peaks.txt") { rows.insert(try spikeInterfaceRow(o, truth), at: 0) }
        printRows(rows, o: o, truth: truth, snr: snr, causalSNR: causalSNR)
    }

    static func spikeInterfaceRow(_ o: Options, _ truth: [GroundTruthSpike]) throws -> (String, Timing, SpikeScoring.EventScore) {
        let siPeaks = try String(contentsOfFile: o.dir + "/si_peaks.txt", encoding: .utf8).split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            return f.count == 2 ? SpikeEvent(channel: Int(f[1]) ?? 0, sampleIndex: Int64(f[0]) ?? 0, amplitude: 0) : nil
        }
        let siTiming = try String(contentsOfFile: o.dir + "/si_timing.txt", encoding: .utf8).split(separator: " ").compactMap { Double($0) }
        guard siTiming.count == 2 else { throw BenchError(description: "si_timing.txt: expected 'wall cpu'") }
        return ("spikeinterface", Timing(wall: siTiming[0], cpu: siTiming[1]), score(siPeaks, truth, o))
    }

    static func printRows(
        _ rows: [(String, Timing, SpikeScoring.EventScore)],
        o: Options,
        truth: [GroundTruthSpike],
        snr: [Double],
        causalSNR: [Double]
    ) {
        let work = Double(o.channels) * (o.seconds * o.rate).rounded()
        let highUnits = snr.count { $0 >= 5 }
        print(
            "\(o.channels) ch × \(Int(o.rate)) Hz × \(o.seconds) s: \(truth.count) spikes, \(o.units) units, \(highUnits) with SNR ≥ 5 "
                + "(zero-phase order 5, spikes.md), \(causalSNR.count { $0 >= 5 }) with causal order-2 SNR ≥ 5"
        )
        for (name, timing, s) in rows {
            let high = s.recall { snr[truth[$0].unit] >= 5 }
            let highCausal = s.recall { causalSNR[truth[$0].unit] >= 5 }
            let line = String(
                format:
                    "RESULT %@ ch=%d fs=%d wall=%.3f cpu=%.3f Mcs_wall=%.1f Mcs_cpu=%.1f rt=%.1f recall=%.4f recall5=%.4f recall5c=%.4f precision=%.4f lenient=%.4f f1=%.4f peaks=%d",
                name.replacingOccurrences(of: " ", with: "_"),
                o.channels,
                Int(o.rate),
                timing.wall,
                timing.cpu,
                work / timing.wall / 1e6,
                work / timing.cpu / 1e6,
                o.seconds / timing.wall,
                s.recall,
                high,
                highCausal,
                s.precision,
                s.lenientPrecision,
                s.f1,
                s.detections
            )
            print(line)
        }
    }

    struct Timing {
        var wall: Double
        var cpu: Double

        static func median(_ all: [Timing]) -> Timing {
            let w = all.map(\.wall).sorted()
            let c = all.map(\.cpu).sorted()
            return Timing(wall: w[w.count / 2], cpu: c[c.count / 2])
        }
    }

    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// One pass of the pipeline over the recording in `blockMilliseconds` blocks, as a live stream would feed it.
    static func time(_ samples: [Float], _ o: Options, zeroPhase: Bool, kernel: Bool, into events: inout [SpikeEvent]) throws -> Timing {
        var pipeline = try SpikePipeline(
            channels: o.channels,
            sampleRate: o.rate,
            zeroPhase: zeroPhase ? .init() : nil,
            exclusion: .init(),
            detectionKernel: kernel ? .init() : nil
        )
        let blockFrames = max(1, Int(o.rate * o.blockMilliseconds / 1000))
        let frames = samples.count / o.channels
        let wallStart = ContinuousClock.now
        let cpuStart = threadCPU()
        samples.withUnsafeBufferPointer { all in
            var f = 0
            while f < frames {
                let n = min(blockFrames, frames - f)
                pipeline.process(UnsafeBufferPointer(rebasing: all[(f * o.channels)..<((f + n) * o.channels)]), into: &events)
                f += n
            }
        }
        pipeline.flush(into: &events)
        let cpu = threadCPU() - cpuStart
        let elapsed = ContinuousClock.now - wallStart
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Timing(wall: wall, cpu: cpu)
    }

    /// spikes.md's protocol: 0.4 ms, nearest unused detection on a channel within 2 of the unit's main channel.
    static func score(_ events: [SpikeEvent], _ truth: [GroundTruthSpike], _ o: Options) -> SpikeScoring.EventScore {
        SpikeScoring.scoreEvents(
            detected: events,
            truth: truth,
            tolerance: SpikeScoring.toleranceSamples(sampleRate: o.rate),
            isNeighbour: { abs($0 - $1) <= 2 }
        )
    }

    /// Per-unit SNR as spikes.md defines it, independent of either detector: median |trough| of the noise-free
    /// recording after SpikeInterface's filter (order-5 Butterworth 300–6000 Hz, forward-backward), over the MAD noise
    /// of the noisy recording after the same filter. With `order: 2, zeroPhase: false`: after our causal filter instead.
    static func referenceSNR(samples: [Float], clean: [Float], o: Options, truth: [GroundTruthSpike], order: Int, zeroPhase: Bool) throws -> [Double]
    {
        let design = try ButterworthDesign(sampleRate: o.rate, order: order)
        func filter(_ x: [Float]) -> [Float] {
            if zeroPhase { return ZeroPhaseFilter.offline(x, sections: design.sections, channels: o.channels) }
            var cascade = BiquadCascade(sections: design.sections, channels: o.channels)
            var y = x
            cascade.processInPlace(&y)
            return y
        }
        let cleanFiltered = filter(clean)
        // MAD over up to 10 s (as SpikeInterface's 20 × 0.5 s), every 4th frame.
        let frames = min(samples.count / o.channels, Int(10 * o.rate))
        let noisy = filter(Array(samples[0..<(frames * o.channels)]))
        var sigma = [Float](repeating: 0, count: o.channels)
        for c in 0..<o.channels {
            var column = stride(from: 0, to: frames, by: 4).map { noisy[$0 * o.channels + c] }
            column.sort()
            let median = column[column.count / 2]
            var deviations = column.map { abs($0 - median) }
            deviations.sort()
            sigma[c] = deviations[deviations.count / 2] / 0.674_489_75
        }
        return UnitSNR.measure(cleanFiltered: cleanFiltered, channels: o.channels, spikes: truth, units: o.units, sigma: sigma)
    }
}
