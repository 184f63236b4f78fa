import AureusCore
import AureusGPU
import AureusProtocol
import AureusTestSupport
import Foundation
import Glibc
import Logging
import Synchronization

/// `aureus-bench gpu-watch --seconds 30 --gpu-interval 1 --ollama-interval 1`
///
/// Runs the GPU watcher against the fake NVML library (compiled here, loaded with dlopen) and
/// the Ollama watcher against the fake Ollama server, both in this process, and reports CPU
/// time over wall time from getrusage: first with only the fakes running (baseline), then
/// with the watchers. The watchers' overhead is the difference; the fake server's own work
/// (answering 3 requests per poll) is inside the second figure, so the difference is an
/// upper bound.
enum GPUWatchBench {
    struct Clock: WallClock {
        func now() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func measure(_ seconds: Double, _ body: @escaping @Sendable () async throws -> Void) async throws -> (cpu: Double, wall: Double) {
        let startCPU = cpuSeconds()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            group.cancelAll()
            try? await group.waitForAll()
        }
        let wall = ContinuousClock.now - start
        return (cpuSeconds() - startCPU, Latency.seconds(wall))
    }

    static func run(options: [String: String]) async throws {
        let seconds = Double(options["seconds"] ?? "30") ?? 30
        let baselineSeconds = min(10, seconds)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-bench-gpu-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let nvml = try await FakeNVML.build(in: directory)
        let ollama = try await FakeOllamaServer.start()
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        var gpuConfiguration = GPUWatcherConfiguration()
        gpuConfiguration.nvmlLibrary = nvml.libraryPath
        gpuConfiguration.nvidiaSMI = "/nonexistent/nvidia-smi"
        gpuConfiguration.pollInterval = .milliseconds(Int64((Double(options["gpu-interval"] ?? "1") ?? 1) * 1000))
        var ollamaConfiguration = OllamaWatcherConfiguration()
        ollamaConfiguration.baseURL = ollama.baseURL
        ollamaConfiguration.pollInterval = .milliseconds(Int64((Double(options["ollama-interval"] ?? "1") ?? 1) * 1000))
        let snapshots = Counter()
        let gpu = GPUWatcher(configuration: gpuConfiguration, clock: Clock(), logger: logger) { snapshot in
            // Encode as the event bus would, so serialisation is part of the cost.
            _ = try? JSONCoding.encode(snapshot)
            snapshots.add()
        }
        let watcher = OllamaWatcher(configuration: ollamaConfiguration, clock: Clock(), logger: logger) { snapshot in
            _ = try? JSONCoding.encode(snapshot)
            snapshots.add()
        }

        let idle = try await measure(baselineSeconds) { try await Task.sleep(for: .seconds(3600)) }
        let busy = try await measure(seconds) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gpu.run() }
                group.addTask { try await watcher.run() }
                try await group.waitForAll()
            }
        }
        await ollama.stop()
        let idleShare = idle.cpu / idle.wall * 100
        let busyShare = busy.cpu / busy.wall * 100
        let last = gpu.latest.get()
        print("gpu-watch: GPU every \(gpuConfiguration.pollInterval), Ollama every \(ollamaConfiguration.pollInterval), \(Int(seconds)) s")
        print("  baseline (fakes only): cpu \(format(idle.cpu)) s / wall \(format(idle.wall)) s = \(format(idleShare)) % of one core")
        print("  with watchers:         cpu \(format(busy.cpu)) s / wall \(format(busy.wall)) s = \(format(busyShare)) % of one core")
        print("  watcher overhead:      \(format(busyShare - idleShare)) % of one core (target ≤ 1 %)")
        print(
            "  snapshots published:   \(snapshots.value); GPU state \(last.state.rawValue) via \(last.source ?? "-"); Ollama \(watcher.latest.get().state.rawValue)"
        )
        print(
            "  ollama requests:       version \(ollama.count("GET /api/version")), tags \(ollama.count("GET /api/tags")), ps \(ollama.count("GET /api/ps"))"
        )
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    final class Counter: Sendable {
        private let count = Mutex<Int>(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }
}
