import AureusCore
import AureusProtocol
import AureusServer
import AureusSpikes
import AureusTestSupport
import Foundation
import Testing

@Suite("Neural sources and spikes over RPC")
struct NeuralRPCTests {
    /// Reads event notifications until one on `spikes` satisfies `predicate` (or 15 s pass).
    static func nextFrame(_ socket: RawWebSocket, where predicate: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            let message = try await socket.receiveJSON()
            guard message["method"] == "event", message["params"]?["topic"] == "spikes", let data = message["params"]?["data"] else { continue }
            if predicate(data) { return data }
        }
        throw TestFailure("no matching spikes frame within 15 s")
    }

    static func poll<T: Sendable>(_ what: String, _ body: () async throws -> T?) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let value = try await body() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("timed out waiting for \(what)")
    }

    /// Polls `neural.sources.list` until source `id` is in `state`; returns its entry.
    static func source(_ id: String, reaches state: String, on socket: RawWebSocket) async throws -> JSONValue {
        try await poll("\(id) to be \(state)") { () -> JSONValue? in
            let list = try await socket.call("neural.sources.list").get()
            let entry = list["sources"]?.arrayValue?.first { $0["id"]?.stringValue == id }
            return entry?["state"] == .string(state) ? entry : nil
        }
    }

    @Test func syntheticSourceStreamsFramesSnapshotsSnippetsAndSummaries() async throws {
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            let viewer = try await server.connect(as: .viewer)
            #expect(try await viewer.call("neural.sources.start", ["kind": "synthetic"]).failureCode == .forbidden)
            #expect(try await analyst.call("neural.sources.start", ["kind": "synthetic", "speed": -1]).failureCode == .invalidParams)
            #expect(
                try await analyst.call("neural.sources.start", ["kind": "synthetic", "detection": ["polarity": "sideways"]]).failureCode
                    == .invalidParams
            )

            _ = try await viewer.call("subscribe", ["topics": ["spikes"]]).get()
            let started = try await analyst.call(
                "neural.sources.start",
                [
                    "kind": "synthetic", "speed": 20, "loop": true,
                    "synthetic": ["channels": 8, "sampleRate": 30000, "units": 6, "seconds": 2, "seed": 7],
                ]
            ).get()
            let id = try #require(started["id"]?.stringValue)
            #expect(started["state"] == "running" && started["channelCount"] == 8 && started["sampleRate"] == 30000)

            // Frames carry spikes as [channel, sample, amplitude] in sample order, then rates.
            let frame = try await Self.nextFrame(viewer) { ($0["spikes"]?.arrayValue?.count ?? 0) > 0 }
            #expect(frame["stream"]?.stringValue == id && frame["channelCount"] == 8)
            let marks = frame["spikes"]?.arrayValue ?? []
            let samples = marks.compactMap { $0.arrayValue?[1].intValue }
            #expect(samples == samples.sorted() && marks.allSatisfy { ($0.arrayValue?[2].doubleValue ?? 0) < 0 })
            let from = try #require(frame["fromSample"]?.intValue)
            let to = try #require(frame["toSample"]?.intValue)
            #expect(samples.allSatisfy { $0 >= from - 30 && $0 < to })
            let withRates = try await Self.nextFrame(viewer) { $0["rates"] != nil }
            #expect(withRates["rates"]?.arrayValue?.count == 8)

            // Snapshot: the recent window, and the sources.
            let snapshot = try await viewer.call("spikes.snapshot", ["seconds": 2]).get()
            #expect(snapshot["sources"]?.arrayValue?.first?["id"]?.stringValue == id)
            let window = try #require(snapshot["frame"])
            let recent = window["spikes"]?.arrayValue ?? []
            #expect(recent.count > 10)
            #expect(try await viewer.call("spikes.snapshot", ["seconds": 600]).failureCode == .invalidParams)
            #expect(try await viewer.call("spikes.snapshot", ["stream": "n-999"]).failureCode == .notFound)

            // Snippets: 1 ms before and 1.5 ms after the trough, which sits at preSamples.
            let busiest = Dictionary(grouping: recent.compactMap { $0.arrayValue?[0].intValue }, by: { $0 }).max { $0.value.count < $1.value.count }
            let channel = try #require(busiest?.key)
            let snippets = try await Self.poll("snippets") { () -> JSONValue? in
                let result = try await viewer.call("spikes.snippets", ["stream": .string(id), "channel": .int(channel), "count": 4]).get()
                return (result["snippets"]?.arrayValue?.count ?? 0) > 0 ? result : nil
            }
            #expect(snippets["preSamples"] == 30)
            // Cut around the detection: the trough sits at preSamples. Which spikes get cut
            // depends on timing, and one may overlap a neighbour's waveform (six units on
            // eight channels), so the shape is asked of most snippets, not every one.
            let waves = (snippets["snippets"]?.arrayValue ?? []).map { $0["samples"]?.arrayValue?.compactMap(\.doubleValue) ?? [] }
            #expect(waves.allSatisfy { $0.count == 75 })
            let troughs = waves.filter { $0.count == 75 && $0[30] < 0 && $0[30] <= $0[25] && $0[30] <= $0[35] }.count
            #expect(troughs * 2 > waves.count, "only \(troughs) of \(waves.count) snippets have their trough at the detection point")
            #expect(
                try await viewer.call("spikes.snippets", ["stream": .string(id), "channel": 8]).failureCode == .invalidParams
            )

            // A small budget thins what this connection receives, and says how much it left out.
            let budget = try await viewer.call("spikes.configure", ["maxSpikesPerSecond": 20]).get()
            #expect(budget["maxSpikesPerSecond"] == 20)
            let thinned = try await Self.nextFrame(viewer) { ($0["omitted"]?.intValue ?? 0) > 0 }
            #expect((thinned["spikes"]?.arrayValue?.count ?? 99) <= 2)
            #expect(try await viewer.call("spikes.configure", ["maxSpikesPerSecond": 10_000_000]).get()["maxSpikesPerSecond"] == 200_000)

            // 10 s windows of recording time land in spike_summaries, readable as a dataset.
            let summed = try await Self.poll("spike summaries") { () -> Int64? in
                let page = try await analyst.call("query.run", ["sql": "SELECT COUNT(*), SUM(spike_count) FROM spike_summaries"]).get()
                let row = page["rows"]?.arrayValue?.first?.arrayValue
                guard let count = row?[0].intValue, count >= 8 else { return nil }
                return row?[1].intValue
            }
            #expect(summed > 50)

            // Stop: only the starter or an admin.
            let other = try await server.connect(as: .approver)
            #expect(try await other.call("neural.sources.stop", ["id": .string(id)]).failureCode == .forbidden)
            _ = try await analyst.call("neural.sources.stop", ["id": .string(id)]).get()
            let stopped = try await Self.source(id, reaches: "stopped", on: analyst)
            #expect((stopped["samplesProcessed"]?.intValue ?? 0) > 300_000 && (stopped["spikesDetected"]?.intValue ?? 0) > 50)
            #expect(try await analyst.call("neural.sources.stop", ["id": "n-999"]).failureCode == .notFound)
            let audit = try await server.connect(as: .admin).call("audit.tail", ["action": "neural.sources.start", "limit": 1]).get()
            #expect(audit["events"]?.arrayValue?.first?["target"]?.stringValue == id)
        }
    }

    @Test func liveBinaryFramesAreDetectedAndBadOnesRefusedWithTheOffset() async throws {
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            #expect(try await analyst.call("neural.sources.start", ["kind": "live", "channels": 4]).failureCode == .invalidParams)
            let started = try await analyst.call("neural.sources.start", ["kind": "live", "channels": 4, "sampleRate": 20000]).get()
            let id = try #require(started["id"]?.stringValue)

            let recording = SyntheticRecording(
                configuration: .init(channels: 4, sampleRate: 20_000, duration: 2, units: 4, snrRange: 8...12, seed: 11)
            )
            let perFrame = 400
            var first: Int64 = 0
            while Int(first) * 4 < recording.samples.count {
                let end = min(recording.samples.count, (Int(first) + perFrame) * 4)
                let chunk = Array(recording.samples[(Int(first) * 4)..<end])
                let encoding: NeuralStreamFrame.Encoding = first % 800 == 0 ? .float32 : .int16
                let scaled = encoding == .int16 ? chunk.map { $0 / 0.195 } : chunk
                let frame = NeuralStreamFrame.make(sourceID: id, encoding: encoding, channelCount: 4, firstFrame: first, samples: scaled)
                try await analyst.send(binary: frame.encoded())
                first += Int64(chunk.count / 4)
            }
            let detected = try await Self.poll("live spikes") { () -> Int64? in
                let list = try await analyst.call("neural.sources.list").get()
                let entry = list["sources"]?.arrayValue?.first { $0["id"]?.stringValue == id }
                guard entry?["samplesProcessed"]?.intValue == 40_000 else { return nil }
                return entry?["spikesDetected"]?.intValue
            }
            // Units of SNR 8–12 firing at 5–20 Hz for 2 s: well over 20 spikes, and not noise-level counts.
            #expect(detected > 20 && detected < 400)

            // Refusals come back as JSON-RPC errors with id null, naming what and where.
            var bad = NeuralStreamFrame.make(sourceID: id, encoding: .int16, channelCount: 4, firstFrame: first, samples: [1, 2, 3, 4]).encoded()
            bad.removeLast()
            try await analyst.send(binary: bad)
            var reply = try await analyst.receiveJSON()
            #expect(reply["error"]?["code"] == -32600)
            #expect(reply["error"]?["data"]?["reason"]?.stringValue?.contains("byte offset \(24 + id.utf8.count)") == true)
            try await analyst.send(
                binary: NeuralStreamFrame.make(sourceID: id, encoding: .int16, channelCount: 3, firstFrame: first, samples: [1, 2, 3]).encoded()
            )
            reply = try await analyst.receiveJSON()
            #expect(reply["error"]?["data"]?["reason"]?.stringValue?.contains("3 channels") == true)
            try await analyst.send(
                binary: NeuralStreamFrame.make(sourceID: id, encoding: .int16, channelCount: 4, firstFrame: 0, samples: [1, 2, 3, 4]).encoded()
            )
            reply = try await analyst.receiveJSON()
            #expect(reply["error"]?["data"]?["reason"]?.stringValue?.contains("before the next expected frame") == true)
            try await analyst.send(
                binary: NeuralStreamFrame.make(sourceID: "n-404", encoding: .int16, channelCount: 4, firstFrame: 0, samples: [1, 2, 3, 4]).encoded()
            )
            #expect(try await analyst.receiveJSON()["error"]?["code"] == -32004)

            // Only the starter may feed it; viewers and anonymous connections may not send at all.
            let frame = NeuralStreamFrame.make(sourceID: id, encoding: .int16, channelCount: 4, firstFrame: first, samples: [1, 2, 3, 4]).encoded()
            let approver = try await server.connect(as: .approver)
            try await approver.send(binary: frame)
            #expect(try await approver.receiveJSON()["error"]?["code"] == -32003)
            let viewer = try await server.connect(as: .viewer)
            try await viewer.send(binary: frame)
            #expect(try await viewer.receiveJSON()["error"]?["code"] == -32003)
            let anonymous = try await server.connect(as: nil)
            try await anonymous.send(binary: frame)
            #expect(try await anonymous.receiveJSON()["error"]?["code"] == -32001)
            let rejected = try await server.get("/metrics").1
            #expect(rejected.contains("aureus_neural_live_frames_rejected_total{reason=\"malformed\"} 1"))

            _ = try await analyst.call("neural.sources.stop", ["id": .string(id)]).get()
            try await analyst.send(binary: frame)
            reply = try await analyst.receiveJSON()
            #expect(reply["error"]?["code"] == -32009 || reply["error"]?["code"] == -32004)
        }
    }

    @Test func recordingFilesAreConfinedReplayedAndTheirDamageReported() async throws {
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            let directory = server.dataDirectory + "/recordings"
            #expect(try await analyst.call("neural.sources.start", ["kind": "file", "path": "a.wav"]).failureCode == .unavailable)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: directory + "/escape.wav", withDestinationPath: "/etc/hostname")
            for path in ["../initial-admin-password", "/etc/hostname", "sub/../../x.wav", "escape.wav"] {
                let result = try await analyst.call("neural.sources.start", ["kind": "file", "path": .string(path)])
                #expect(result.failureCode == .forbidden, "\(path)")
            }
            #expect(try await analyst.call("neural.sources.start", ["kind": "file", "path": "missing.wav"]).failureCode == .notFound)

            // A file the readers refuse at its header: the call fails, naming the offset.
            try Data(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEjunk".utf8)).write(to: URL(fileURLWithPath: directory + "/bad.wav"))
            let bad = try await analyst.call("neural.sources.start", ["kind": "file", "path": "bad.wav"])
            #expect(bad.failureCode == .invalidParams)
            if case .failure(let error) = bad { #expect(error.reason.contains("byte offset"), "\(error.reason)") }

            // A file cut short after its header: every whole frame is replayed (flat out), then the
            // source fails with the offset where the data ends.
            let recording = SyntheticRecording(configuration: .init(channels: 4, sampleRate: 20_000, duration: 1, units: 3, seed: 3))
            try WAVWriter.write(recording.samples, channels: 4, sampleRate: 20_000, to: directory + "/cut.wav", truncateDataBy: 8_001)
            let started = try await analyst.call("neural.sources.start", ["kind": "file", "path": "cut.wav", "speed": 0]).get()
            let id = try #require(started["id"]?.stringValue)
            let failed = try await Self.source(id, reaches: "failed", on: analyst)
            let wholeFrames = (recording.samples.count * 2 - 8_001) / 8
            #expect(failed["samplesProcessed"]?.intValue == Int64(wholeFrames))
            #expect(failed["error"]?.stringValue?.contains("byte offset \(44 + wholeFrames * 8)") == true, "\(failed)")

            // A whole file at speed 0 without loop finishes.
            try WAVWriter.write(recording.samples, channels: 4, sampleRate: 20_000, to: directory + "/whole.wav")
            let whole = try await analyst.call("neural.sources.start", ["kind": "file", "path": "whole.wav", "speed": 0]).get()
            let wholeID = try #require(whole["id"]?.stringValue)
            let finished = try await Self.source(wholeID, reaches: "finished", on: analyst)
            #expect(finished["samplesProcessed"] == 20_000)
            #expect(try await analyst.call("neural.sources.start", ["kind": "file"]).failureCode == .invalidParams)
        }
    }
}
