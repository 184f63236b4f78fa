import AureusCore
import AureusProtocol
import AureusSpikes
import Foundation
import Synchronization

/// The body of a `NeuralRunner` thread: read → detect → record → publish → pace, until the
/// source ends or a stop is requested. All state here belongs to that thread alone.
struct NeuralRunLoop {
    let runner: NeuralRunner
    let source: any SampleBlockSource
    let clock: any WallClock
    let publish: @Sendable (SpikesFrame, Double) -> Void
    let summaries: @Sendable ([SpikeSummaryRow]) -> Void

    /// Frames per block: 5 ms of signal at real time (so spikes reach a frame quickly), 10 ms
    /// when replaying faster or flat out (a 1,024-channel block then stays near L2 size, which
    /// the filter and kernel passes over it need), never more than ~1 M samples per block.
    static func blockFrames(channels: Int, sampleRate: Double, speed: Double) -> Int {
        let ceiling = max(1, (1 << 20) / channels)
        let wanted = Int(sampleRate * (speed == 1 ? 0.005 : 0.01))
        return max(1, min(wanted, ceiling))
    }

    mutating func run() -> (NeuralSourceState, String?) {
        let settings = runner.settings
        let channels = source.channelCount
        let rate = source.sampleRate
        var pipeline: SpikePipeline
        do {
            pipeline = try SpikePipeline(
                channels: channels,
                sampleRate: rate,
                design: settings.design,
                thresholdMultiplier: settings.thresholdMultiplier,
                polarity: settings.polarity,
                zeroPhase: settings.zeroPhase ? ZeroPhaseFilter.Configuration() : nil,
                exclusion: settings.exclusion ? SpikeExclusion.Configuration() : nil
            )
        } catch {
            return (.failed, "detector: \(error)")
        }
        let blockFrames = Self.blockFrames(channels: channels, sampleRate: rate, speed: settings.speed)
        var cutter = SnippetCutter(
            channels: channels,
            pre: runner.snippetPre,
            post: max(1, Int(rate * 0.0015)),
            maxBlockFrames: blockFrames,
            minimumGap: Int64(rate * 0.02)
        )
        var window = SummaryWindow(
            recording: "\(settings.name) (\(settings.id))",
            channels: channels,
            sampleRate: rate,
            windowSeconds: 10,
            originMilliseconds: settings.startedAt.milliseconds
        )
        var raw: [Float] = []
        var events: [SpikeEvent] = []
        var marks: [SpikeMark] = []
        var pending: [SpikeMark] = []
        var pendingSince: Timestamp?
        var rateCounts = [Int64](repeating: 0, count: channels)
        var rateFrom: Int64 = 0
        var newRates: [Float]?
        var processed: Int64 = 0
        var published: Int64 = 0
        var spikes: Int64 = 0
        let wall = ContinuousClock()
        var lastFrame = wall.now
        var lastRatesSent = wall.now
        var paceOrigin = wall.now
        var paceFrames: Int64 = 0
        var detectorTime = Duration.zero
        var detectorSamples: Int64 = 0
        var throughputSince = wall.now

        func flush() {
            let now = wall.now
            let wallSeconds = (now - lastFrame).seconds
            var rates: [Float]?
            if let latest = newRates, now - lastRatesSent >= .milliseconds(900) {
                rates = latest
                newRates = nil
                lastRatesSent = now
            }
            guard processed > published || rates != nil else { return }
            let frame = SpikesFrame(
                stream: runner.settings.id,
                time: pendingSince ?? clock.now(),
                sampleRate: source.sampleRate,
                channelCount: source.channelCount,
                fromSample: published,
                toSample: processed,
                spikes: pending,
                rates: rates
            )
            publish(frame, wallSeconds)
            pending.removeAll(keepingCapacity: true)
            pendingSince = nil
            published = processed
            lastFrame = now
        }

        while !runner.isStopRequested {
            let frames: Int
            do {
                frames = try source.read(maxFrames: blockFrames, into: &raw)
            } catch {
                return (.failed, "\(error)")
            }
            if frames == 0 {
                if runner.isStopRequested { break }
                let rewound: Bool
                do {
                    rewound = settings.loop ? try source.rewind() : false
                } catch {
                    return (.failed, "\(error)")
                }
                if rewound { continue }
                flush()
                return (settings.kind == .live ? .stopped : .finished, nil)
            }

            let detectStart = wall.now
            events.removeAll(keepingCapacity: true)
            raw.withUnsafeBufferPointer { all in
                pipeline.process(UnsafeBufferPointer(rebasing: all[0..<(frames * channels)]), into: &events)
            }
            pipeline.withFiltered { filtered, firstSample in
                runner.shared.withLock { cutter.add(filtered: filtered, firstSample: firstSample, events: events, into: &$0.snippets) }
            }
            // The detector reports channel by channel; frames, history and snapshots are in
            // sample order (a spike's report waits out its alignment window, so blocks stay ordered).
            if events.count > 1 { events.sort { $0.sampleIndex < $1.sampleIndex } }
            detectorTime += wall.now - detectStart
            detectorSamples += Int64(frames * channels)
            processed += Int64(frames)
            spikes += Int64(events.count)

            if !events.isEmpty, pendingSince == nil { pendingSince = clock.now() }
            marks.removeAll(keepingCapacity: true)
            for event in events {
                marks.append(SpikeMark(channel: event.channel, sample: event.sampleIndex, amplitude: event.amplitude))
                rateCounts[event.channel] += 1
            }
            pending.append(contentsOf: marks)
            window.add(events)
            if processed - rateFrom >= Int64(rate) {
                let seconds = Double(processed - rateFrom) / rate
                newRates = rateCounts.map { Float(Double($0) / seconds) }
                for channel in 0..<channels { rateCounts[channel] = 0 }
                rateFrom = processed
            }

            let now = wall.now
            var throughput: Double?
            if now - throughputSince >= .seconds(1) {
                throughput = Double(detectorSamples) / max(detectorTime.seconds, 1e-9)
                detectorSamples = 0
                detectorTime = .zero
                throughputSince = now
            }
            runner.shared.withLock { state in
                for mark in marks { state.history.append(mark) }
                state.history.trim(newestSample: processed)
                state.info.samplesProcessed = processed
                state.info.spikesDetected = spikes
                if let throughput { state.info.detectorThroughput = throughput }
                if let newRates { state.rates = newRates }
            }
            if now - lastFrame >= .milliseconds(SpikesBudget.frameIntervalMilliseconds) {
                flush()
            }
            if let rows = window.close(processedFrames: processed) { summaries(rows) }

            if settings.speed > 0 {
                paceFrames += Int64(frames)
                let due = paceOrigin + .seconds(Double(paceFrames) / (rate * settings.speed))
                let ahead = due - wall.now
                if ahead > .zero {
                    Thread.sleep(forTimeInterval: ahead.seconds)
                } else if ahead < .seconds(-1) {
                    // Far behind (a slow machine, or a pause): do not sprint to catch up.
                    paceOrigin = wall.now
                    paceFrames = 0
                }
            }
        }
        flush()
        return (.stopped, nil)
    }
}
