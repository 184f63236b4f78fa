import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

@testable import AureusGPU

/// The NVML binding through a fake libnvidia-ml.so compiled by the test: the real dlopen,
/// dlsym and C calls, with values scripted in a file next to the library.
@Suite struct NVMLBindingTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("aureus-nvml-\(UUID().uuidString)").path
    }

    static func probe(_ fake: FakeNVML, nvidiaSMI: String = "/nonexistent/nvidia-smi") -> GPUProbe {
        var configuration = GPUWatcherConfiguration()
        configuration.nvmlLibrary = fake.libraryPath
        configuration.nvidiaSMI = nvidiaSMI
        return GPUProbe(configuration: configuration)
    }

    @Test func readsEveryMetric() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = try await FakeNVML.build(in: directory, script: FakeNVML.h100Script(fan: "55"))
        let probe = Self.probe(fake)
        let reading = try await offPool { probe.read() }
        #expect(reading.state == .ok && reading.source == "nvml" && reading.reason == nil)
        #expect(reading.driverVersion == "590.48.01")
        let gpu = try #require(reading.devices.first)
        #expect(gpu.index == 0)
        #expect(gpu.name == "NVIDIA H100 80GB HBM3")
        #expect(gpu.uuid == "GPU-00000000-0000-0000-0000-000000000000")
        #expect(gpu.utilizationPercent == 100 && gpu.memoryUtilizationPercent == 37)
        #expect(gpu.memoryUsedBytes == 19_818 * 1_048_576 && gpu.memoryTotalBytes == 81_559 * 1_048_576)
        #expect(gpu.temperatureCelsius == 59)
        #expect(gpu.powerWatts == 631.95 && gpu.powerLimitWatts == 700)
        #expect(gpu.fanPercent == 55)
        // The process is this test runner: NVML gives the pid, the name comes from /proc.
        let process = try #require(gpu.processes.first)
        #expect(process.pid == Int(getpid()))
        #expect(process.memoryBytes == Int64(15_690) * 1_048_576)
        #expect(process.name != "?" && !process.name.isEmpty)
    }

    /// NVML_ERROR_NOT_SUPPORTED (3) for one metric leaves it nil (shown as n/a); the rest still reads.
    @Test func unsupportedMetricIsNil() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = try await FakeNVML.build(in: directory, script: FakeNVML.h100Script(fan: "!3") + "gpu0.power.limit=!3\n")
        let reading = try await offPool { Self.probe(fake).read() }
        let gpu = try #require(reading.devices.first)
        #expect(gpu.fanPercent == nil && gpu.powerLimitWatts == nil)
        #expect(gpu.powerWatts == 631.95 && gpu.temperatureCelsius == 59)
    }

    /// More processes than the first buffer holds: NVML_ERROR_INSUFFICIENT_SIZE, then a bigger buffer.
    @Test func manyProcesses() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let processes = (1...40).map { "\(100_000 + $0):\($0 * 1_048_576)" }.joined(separator: ";")
        let fake = try await FakeNVML.build(in: directory, script: FakeNVML.h100Script() + "gpu0.procs=\(processes)\n")
        let reading = try await offPool { Self.probe(fake).read() }
        #expect(reading.devices.first?.processes.count == 40)
        #expect(reading.devices.first?.processes.last?.memoryBytes == Int64(40) * 1_048_576)
    }

    @Test func libraryMissingMeansNoDriver() async throws {
        var configuration = GPUWatcherConfiguration()
        configuration.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
        configuration.nvidiaSMI = "/nonexistent/nvidia-smi"
        let probe = GPUProbe(configuration: configuration)
        let reading = try await offPool { probe.read() }
        #expect(reading.state == .noDriver)
        #expect(reading.reason?.hasPrefix("no NVIDIA driver") == true)
        #expect(reading.devices.isEmpty)
        // Until the re-probe interval passes, the answer is cached: no dlopen, no spawn per poll.
        let again = try await offPool { probe.read() }
        #expect(again.reason == reading.reason)
    }

    /// nvmlInit_v2 returning NVML_ERROR_DRIVER_NOT_LOADED is also "no driver", not an error.
    @Test func driverNotLoaded() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = try await FakeNVML.build(in: directory, script: "init=9\n")
        let reading = try await offPool { Self.probe(fake).read() }
        #expect(reading.state == .noDriver)
        #expect(reading.reason?.contains("Driver Not Loaded") == true)
    }

    /// A GPU that falls off the bus mid-run is an error with NVML's words, and the next poll retries.
    @Test func gpuLostIsAnError() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = try await FakeNVML.build(in: directory)
        let probe = Self.probe(fake)
        #expect(try await offPool { probe.read() }.state == .ok)
        try fake.write("init=0\ncount=!15\n")
        let lost = try await offPool { probe.read() }
        #expect(lost.state == .error)
        #expect(lost.reason?.contains("GPU is lost") == true)
        try fake.write(FakeNVML.h100Script(utilization: 12))
        let back = try await offPool { probe.read() }
        #expect(back.state == .ok && back.devices.first?.utilizationPercent == 12)
    }

    /// NVML unusable, nvidia-smi there: the fallback parses its output (a script standing in for it).
    @Test func fallsBackToNvidiaSMI() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = directory + "/nvidia-smi"
        let text = """
            #!/bin/sh
            case "$1" in
            --query-gpu=*) echo "0, NVIDIA H100 80GB HBM3, GPU-abc, 100, 37, 19818, 81559, 59, 631.95, 700.00, [N/A], 590.48.01" ;;
            --query-compute-apps=*) echo "GPU-abc, 11345, ./gpu_burn, 15690" ;;
            esac
            """
        try writeExecutableScript(text, to: script)
        var configuration = GPUWatcherConfiguration()
        configuration.nvmlLibrary = directory + "/missing.so"
        configuration.nvidiaSMI = script
        let probe = GPUProbe(configuration: configuration)
        let reading = try await offPool { probe.read() }
        #expect(reading.state == .ok && reading.source == "nvidia-smi", "\(reading.reason ?? "")")
        #expect(reading.reason?.contains("using nvidia-smi") == true)
        #expect(reading.driverVersion == "590.48.01")
        let gpu = try #require(reading.devices.first)
        #expect(gpu.name == "NVIDIA H100 80GB HBM3" && gpu.fanPercent == nil && gpu.powerWatts == 631.95)
        #expect(gpu.processes == [GPUProcess(pid: 11345, name: "./gpu_burn", memoryBytes: 15_690 * 1_048_576)])
    }

    /// nvidia-smi exiting 9 ("couldn't communicate with the NVIDIA driver") counts as no driver.
    @Test func nvidiaSMIWithoutDriver() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = directory + "/nvidia-smi"
        let text = "#!/bin/sh\necho \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\nexit 9\n"
        try writeExecutableScript(text, to: script)
        var configuration = GPUWatcherConfiguration()
        configuration.nvmlLibrary = directory + "/missing.so"
        configuration.nvidiaSMI = script
        let probe = GPUProbe(configuration: configuration)
        let reading = try await offPool { probe.read() }
        #expect(reading.state == .noDriver, "\(reading.reason ?? "")")
        #expect(reading.reason?.contains("exited with 9") == true)
    }
}
