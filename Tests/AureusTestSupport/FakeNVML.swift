import Foundation

/// A fake `libnvidia-ml.so` compiled from `Tests/Fixtures/fake-nvml/fake_nvml.c` with the
/// system C compiler, so tests and `aureus-bench gpu-watch` exercise the real `dlopen` path.
///
/// The library answers from `<libraryPath>.script` (key=value lines, re-read every poll):
/// write a new script and the next poll sees it.
public struct FakeNVML: Sendable {
    public let libraryPath: String
    public var scriptPath: String { libraryPath + ".script" }

    /// The C source, found from this file's path.
    public static let sourcePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fake-nvml/fake_nvml.c").path

    /// Compiles the fake into `directory` (a fresh file name per call, so each test's dlopen
    /// gets its own copy) and writes `script`.
    public static func build(in directory: String, script: String = FakeNVML.h100Script()) async throws -> FakeNVML {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let output = directory + "/libnvidia-ml-fake-\(UUID().uuidString.prefix(8)).so"
        let status = try await offPool {
            var code = Spawn.runAndWait(["cc", "-shared", "-fPIC", "-O1", "-o", output, sourcePath])
            if code != 0 { code = Spawn.runAndWait(["clang", "-shared", "-fPIC", "-O1", "-o", output, sourcePath]) }
            return code
        }
        guard status == 0 else { throw ShellError("compiling \(sourcePath) failed with \(status)") }
        let fake = FakeNVML(libraryPath: output)
        try fake.write(script)
        return fake
    }

    public func write(_ script: String) throws {
        // Write then rename, so a poll never reads a half-written script.
        let temporary = scriptPath + ".tmp"
        try script.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, scriptPath) == 0 else { throw ShellError("rename \(temporary) failed") }
    }

    /// One H100 in the numbers of the research capture's load line (100 %, 19818 MiB of 81559 MiB,
    /// 59 °C, 631.95 W), with the fan unsupported as on a real H100, and one compute process.
    public static func h100Script(
        utilization: Int = 100,
        processPID: Int32 = getpid(),
        processBytes: Int64 = 15_690 * 1_048_576,
        fan: String = "!3"
    ) -> String {
        """
        init=0
        driver=590.48.01
        count=1
        gpu0.name=NVIDIA H100 80GB HBM3
        gpu0.uuid=GPU-00000000-0000-0000-0000-000000000000
        gpu0.util=\(utilization)
        gpu0.memutil=37
        gpu0.mem.total=\(81_559 * 1_048_576)
        gpu0.mem.used=\(19_818 * 1_048_576)
        gpu0.temp=59
        gpu0.power=631950
        gpu0.power.limit=700000
        gpu0.fan=\(fan)
        gpu0.procs=\(processPID):\(processBytes)

        """
    }
}
