import AureusCore
import AureusProtocol
import Foundation
import Testing

/// The nvidia-smi fallback parser on real captured output.
@Suite struct NvidiaSMIQueryTests {
    static let mebibyte: Int64 = 1_048_576

    /// H100 80GB HBM3 under load, driver 590.48.01 (utkuozdemir/nvidia_gpu_exporter capture,
    /// values as quoted in shared/research/ollama-gpu-approvals-audit.md, units stripped).
    @Test func h100LoadLine() throws {
        let query = NvidiaSMIQuery(fields: ["index", "name", "utilization.gpu", "memory.used", "memory.total", "temperature.gpu", "power.draw"])
        let devices = try query.parseDevices("0, NVIDIA H100 80GB HBM3, 100, 19818, 81559, 59, 631.95\n")
        #expect(devices.count == 1)
        let gpu = try #require(devices.first)
        #expect(gpu.index == 0)
        #expect(gpu.name == "NVIDIA H100 80GB HBM3")
        #expect(gpu.utilizationPercent == 100)
        #expect(gpu.memoryUsedBytes == 19_818 * Self.mebibyte)
        #expect(gpu.memoryTotalBytes == 81_559 * Self.mebibyte)
        #expect(gpu.temperatureCelsius == 59)
        #expect(gpu.powerWatts == 631.95)
        #expect(gpu.fanPercent == nil, "not queried")
    }

    /// `name,memory.total` on an H100 and on a GB10, whose unified memory prints `[N/A]`
    /// (lydakis/errand daemon test capture).
    @Test func notAvailableIsNil() throws {
        let query = NvidiaSMIQuery(fields: ["name", "memory.total"])
        let devices = try query.parseDevices("NVIDIA H100 80GB HBM3, 81559\nNVIDIA GB10, [N/A]\n\n")
        #expect(devices.map(\.name) == ["NVIDIA H100 80GB HBM3", "NVIDIA GB10"])
        #expect(devices[0].memoryTotalBytes == 81_559 * Self.mebibyte)
        #expect(devices[1].memoryTotalBytes == nil)
        #expect(devices.map(\.index) == [0, 1], "without an index column GPUs are numbered in order")
    }

    /// The watcher's own query, with the H100's unsupported fan (`[N/A]`) and a deprecated field marker.
    @Test func standardQuery() throws {
        let line =
            "0, NVIDIA H100 80GB HBM3, GPU-00000000-0000-0000-0000-000000000000, 0, 0, 0, 81559, 41, 69.85, 700.00, [N/A], 590.48.01"
        let devices = try NvidiaSMIQuery.standard.parseDevices(line)
        let gpu = try #require(devices.first)
        #expect(gpu.uuid == "GPU-00000000-0000-0000-0000-000000000000")
        #expect(gpu.utilizationPercent == 0)
        #expect(gpu.powerWatts == 69.85)
        #expect(gpu.powerLimitWatts == 700)
        #expect(gpu.fanPercent == nil)
        #expect(NvidiaSMIQuery.standard.driverVersion(line) == "590.48.01")
        let deprecated = line.replacingOccurrences(of: "69.85", with: "[Requested functionality has been deprecated]")
        #expect(try NvidiaSMIQuery.standard.parseDevices(deprecated).first?.powerWatts == nil)
    }

    @Test func wrongFieldCountIsAnError() {
        #expect(throws: NvidiaSMIParseError.self) {
            try NvidiaSMIQuery.standard.parseDevices("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")
        }
    }

    /// `--query-compute-apps` output (research capture: gpu_burn on the H100), by GPU UUID.
    @Test func processes() {
        let output = """
            GPU-00000000-0000-0000-0000-000000000000, 11345, ./gpu_burn, 15690
            GPU-00000000-0000-0000-0000-000000000000, 2201, /usr/bin/ollama, [N/A]
            """
        let byGPU = NvidiaSMIQuery.parseProcesses(output)
        let processes = byGPU["GPU-00000000-0000-0000-0000-000000000000"] ?? []
        #expect(
            processes == [
                GPUProcess(pid: 11345, name: "./gpu_burn", memoryBytes: 15_690 * Self.mebibyte),
                GPUProcess(pid: 2201, name: "/usr/bin/ollama", memoryBytes: nil),
            ]
        )
    }
}
