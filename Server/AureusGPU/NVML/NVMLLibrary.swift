import Glibc

/// NVML loaded at run time with `dlopen`: the one place that touches the C library, so the
/// binary has no link-time dependency on the NVIDIA driver and runs unchanged on machines
/// without one.
///
/// Only the calls the GPU pane needs are bound. Required: init, shutdown, device count and
/// handle. Every other symbol is optional; a missing one reads as "not supported".
///
/// - Important: NVML calls block (a lost GPU can stall for seconds). Use an instance from one
///   thread only — the GPU watcher's own thread — never from Swift concurrency's pool.
// Sendable because the GPU watcher confines each instance to its single sampling thread.
final class NVMLLibrary: @unchecked Sendable {
    typealias Device = OpaquePointer?

    private typealias Status = @convention(c) () -> Int32
    private typealias GetCount = @convention(c) (UnsafeMutablePointer<UInt32>) -> Int32
    private typealias GetHandle = @convention(c) (UInt32, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    private typealias GetSystemString = @convention(c) (UnsafeMutablePointer<CChar>, UInt32) -> Int32
    private typealias GetDeviceString = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>, UInt32) -> Int32
    private typealias GetDeviceStruct = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer) -> Int32
    private typealias GetDeviceUInt = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias GetTemperature = @convention(c) (OpaquePointer?, UInt32, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias GetProcesses = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt32>, UnsafeMutableRawPointer?) -> Int32
    private typealias ErrorString = @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// `nvmlProcessInfo_v2_t`/`_v3`: pid (u32), pad, usedGpuMemory (u64), gpuInstanceId, computeInstanceId.
    static let processInfoStride = 24
    /// `NVML_VALUE_NOT_AVAILABLE` for unsigned long long fields.
    static let valueNotAvailable = UInt64.max

    let path: String
    private let handle: UnsafeMutableRawPointer
    private let initialize: Status
    private let shutdownCall: Status
    private let getCount: GetCount
    private let getHandle: GetHandle
    private let errorString: ErrorString?
    private let driverVersionCall: GetSystemString?
    private let nameCall: GetDeviceString?
    private let uuidCall: GetDeviceString?
    private let utilizationCall: GetDeviceStruct?
    private let memoryCall: GetDeviceStruct?
    private let temperatureCall: GetTemperature?
    private let powerCall: GetDeviceUInt?
    private let powerLimitCall: GetDeviceUInt?
    private let fanCall: GetDeviceUInt?
    private let processesCall: GetProcesses?
    private var initialized = false

    /// Loads the library and calls `nvmlInit_v2`.
    ///
    /// - Throws: `NVMLError` with `meansNoDriver` when the library is absent or the driver is
    ///   not loaded; other NVML failures otherwise.
    init(path: String = "libnvidia-ml.so.1") throws(NVMLError) {
        self.path = path
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .libraryNotFound(path, dlerror().map { String(cString: $0) } ?? "dlopen failed")
        }
        func symbol<T>(_ names: String..., as type: T.Type) -> T? {
            for name in names { if let pointer = dlsym(handle, name) { return unsafeBitCast(pointer, to: type) } }
            return nil
        }
        guard let initialize = symbol("nvmlInit_v2", "nvmlInit", as: Status.self),
            let shutdown = symbol("nvmlShutdown", as: Status.self),
            let getCount = symbol("nvmlDeviceGetCount_v2", "nvmlDeviceGetCount", as: GetCount.self),
            let getHandle = symbol("nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex", as: GetHandle.self)
        else {
            dlclose(handle)
            throw .symbolMissing("nvmlInit_v2/nvmlShutdown/nvmlDeviceGetCount_v2/nvmlDeviceGetHandleByIndex_v2 in \(path)")
        }
        self.handle = handle
        self.initialize = initialize
        self.shutdownCall = shutdown
        self.getCount = getCount
        self.getHandle = getHandle
        errorString = symbol("nvmlErrorString", as: ErrorString.self)
        driverVersionCall = symbol("nvmlSystemGetDriverVersion", as: GetSystemString.self)
        nameCall = symbol("nvmlDeviceGetName", as: GetDeviceString.self)
        uuidCall = symbol("nvmlDeviceGetUUID", as: GetDeviceString.self)
        utilizationCall = symbol("nvmlDeviceGetUtilizationRates", as: GetDeviceStruct.self)
        memoryCall = symbol("nvmlDeviceGetMemoryInfo", as: GetDeviceStruct.self)
        temperatureCall = symbol("nvmlDeviceGetTemperature", as: GetTemperature.self)
        powerCall = symbol("nvmlDeviceGetPowerUsage", as: GetDeviceUInt.self)
        powerLimitCall = symbol("nvmlDeviceGetEnforcedPowerLimit", as: GetDeviceUInt.self)
        fanCall = symbol("nvmlDeviceGetFanSpeed", as: GetDeviceUInt.self)
        // v3 and v2 share the 24-byte nvmlProcessInfo_t; the unversioned v1 struct differs, so it is not bound.
        processesCall = symbol(
            "nvmlDeviceGetComputeRunningProcesses_v3",
            "nvmlDeviceGetComputeRunningProcesses_v2",
            as: GetProcesses.self
        )
        try check("nvmlInit_v2", initialize())
        initialized = true
    }

    deinit {
        if initialized { _ = shutdownCall() }
        dlclose(handle)
    }

    // MARK: Calls

    func driverVersion() -> String? {
        guard let call = driverVersionCall else { return nil }
        return Self.string(capacity: 96) { call($0, $1) }
    }

    func deviceCount() throws(NVMLError) -> Int {
        var count: UInt32 = 0
        try check("nvmlDeviceGetCount_v2", getCount(&count))
        return Int(count)
    }

    func device(at index: Int) throws(NVMLError) -> Device {
        var device: OpaquePointer?
        try check("nvmlDeviceGetHandleByIndex_v2", getHandle(UInt32(index), &device))
        return device
    }

    func name(_ device: Device) -> String? { nameCall.flatMap { call in Self.string(capacity: 96) { call(device, $0, $1) } } }
    func uuid(_ device: Device) -> String? { uuidCall.flatMap { call in Self.string(capacity: 96) { call(device, $0, $1) } } }

    /// `nvmlUtilization_t`: gpu and memory percent.
    func utilization(_ device: Device) -> (gpu: Int, memory: Int)? {
        guard let call = utilizationCall else { return nil }
        var words: (UInt32, UInt32) = (0, 0)
        let status = withUnsafeMutableBytes(of: &words) { call(device, $0.baseAddress!) }
        return status == NVMLReturn.success ? (Int(words.0), Int(words.1)) : nil
    }

    /// `nvmlMemory_t` (v1): total, free, used in bytes.
    func memory(_ device: Device) -> (total: Int64, used: Int64)? {
        guard let call = memoryCall else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let status = withUnsafeMutableBytes(of: &words) { call(device, $0.baseAddress!) }
        return status == NVMLReturn.success ? (Int64(clamping: words.0), Int64(clamping: words.2)) : nil
    }

    /// `NVML_TEMPERATURE_GPU` (sensor 0), °C.
    func temperature(_ device: Device) -> Int? {
        guard let call = temperatureCall else { return nil }
        var value: UInt32 = 0
        return call(device, 0, &value) == NVMLReturn.success ? Int(value) : nil
    }

    /// Milliwatts.
    func powerUsage(_ device: Device) -> Int? { unsigned(powerCall, device) }
    /// Milliwatts.
    func powerLimit(_ device: Device) -> Int? { unsigned(powerLimitCall, device) }
    /// Percent of maximum fan speed.
    func fanSpeed(_ device: Device) -> Int? { unsigned(fanCall, device) }

    /// Compute processes: pid and used memory (nil when NVML cannot tell, e.g. under WDDM or without permission).
    func computeProcesses(_ device: Device) -> [(pid: Int, memory: Int64?)] {
        guard let call = processesCall else { return [] }
        var capacity: UInt32 = 32
        for _ in 0..<3 {
            var count = capacity
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(capacity) * Self.processInfoStride, alignment: 8)
            defer { buffer.deallocate() }
            let status = call(device, &count, buffer)
            if status == NVMLReturn.insufficientSize {
                capacity = max(count, capacity * 2) + 8
                continue
            }
            guard status == NVMLReturn.success else { return [] }
            return (0..<Int(min(count, capacity))).map { index in
                let base = index * Self.processInfoStride
                let pid = buffer.load(fromByteOffset: base, as: UInt32.self)
                let used = buffer.load(fromByteOffset: base + 8, as: UInt64.self)
                return (Int(pid), used == Self.valueNotAvailable ? nil : Int64(clamping: used))
            }
        }
        return []
    }

    // MARK: Helpers

    private func unsigned(_ call: GetDeviceUInt?, _ device: Device) -> Int? {
        guard let call else { return nil }
        var value: UInt32 = 0
        return call(device, &value) == NVMLReturn.success ? Int(value) : nil
    }

    private func check(_ name: String, _ status: Int32) throws(NVMLError) {
        guard status != NVMLReturn.success else { return }
        let text = errorString.flatMap { $0(status) }.map { String(cString: $0) } ?? NVMLReturn.name(status)
        throw .call(name, status, text)
    }

    private static func string(capacity: Int, _ body: (UnsafeMutablePointer<CChar>, UInt32) -> Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: capacity)
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, UInt32(capacity)) }
        guard status == NVMLReturn.success else { return nil }
        buffer[capacity - 1] = 0
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
