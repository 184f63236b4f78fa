import AureusGPU
import AureusProtocol

extension ServerServices {
    /// `gpu.snapshot` and `ollama.snapshot`: the watchers' newest snapshots, for a client that
    /// just connected (then it follows the `gpu` and `ollama` topics).
    func registerWatcherMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.gpuSnapshot, NoParams.self) { _, _ in gpu.latest.get() }
        table.register(RPCMethods.ollamaSnapshot, NoParams.self) { _, _ in ollama.latest.get() }
    }
}
