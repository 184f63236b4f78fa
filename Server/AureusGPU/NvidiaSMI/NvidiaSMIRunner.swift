import AureusCore
import AureusProtocol
import Glibc

/// Runs `nvidia-smi` with the query arguments and parses its output: the fallback when NVML
/// cannot be used. Spawns with `posix_spawnp` and waits with `waitpid` (no Foundation
/// `Process`, whose wait needs a run loop). Blocking; runs on the GPU watcher's thread.
struct NvidiaSMIRunner {
    /// A program name (looked up on PATH) or a path.
    let executable: String
    let query = NvidiaSMIQuery.standard
    /// A hung `nvidia-smi` is killed after this long.
    let timeout: Duration

    struct Failure: Error, CustomStringConvertible {
        /// True when the failure says "no driver here" (no binary; exit 9 or 12).
        let meansNoDriver: Bool
        let description: String
    }

    /// The man page's return values that mean there is no usable driver.
    static let noDriverExitCodes: Set<Int32> = [9, 12]

    func sample() throws(Failure) -> (devices: [GPUDevice], driverVersion: String?) {
        let output = try run(query.arguments)
        var devices: [GPUDevice]
        do { devices = try query.parseDevices(output) } catch { throw Failure(meansNoDriver: false, description: "\(error)") }
        if let processes = try? run(NvidiaSMIQuery.processArguments) {
            let byGPU = NvidiaSMIQuery.parseProcesses(processes)
            for index in devices.indices { devices[index].processes = byGPU[devices[index].uuid] ?? [] }
        }
        return (devices, query.driverVersion(output))
    }

    private func run(_ arguments: [String]) throws(Failure) -> String {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw Failure(meansNoDriver: false, description: "pipe failed: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var spawned = posix_spawnp(&pid, executable, &actions, nil, &argv, environ)
        // ETXTBSY: another thread's fork briefly holds the binary open for writing (just installed); retry.
        for _ in 0..<10 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = posix_spawnp(&pid, executable, &actions, nil, &argv, environ)
        }
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw Failure(meansNoDriver: spawned == ENOENT, description: "\(executable): \(String(cString: strerror(spawned)))")
        }
        let output = readAll(pipe[0], pid: pid)
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited, code == 0 else {
            let text = exited ? "exited with \(code)" : "killed by signal \(status & 0x7F)"
            let firstLine = output.split(whereSeparator: \.isNewline).first.map { ": " + $0 } ?? ""
            throw Failure(meansNoDriver: exited && Self.noDriverExitCodes.contains(code), description: "\(executable) \(text)\(firstLine)")
        }
        return output
    }

    /// Reads until EOF; kills the child when `timeout` passes first.
    private func readAll(_ fd: Int32, pid: pid_t) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                kill(pid, SIGKILL)
                break
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&descriptor, 1, max(1, milliseconds))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
