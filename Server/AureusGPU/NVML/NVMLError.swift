/// A failed NVML call: the library could not be loaded, a symbol is missing, or a call
/// returned an `nvmlReturn_t` other than `NVML_SUCCESS`.
public struct NVMLError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: Sendable, Hashable {
        case libraryNotFound
        case symbolMissing
        case call(Int32)
    }

    let code: Code
    /// The call or path involved ("nvmlInit_v2", "libnvidia-ml.so.1").
    public let context: String
    let detail: String

    static func libraryNotFound(_ path: String, _ detail: String) -> NVMLError { NVMLError(code: .libraryNotFound, context: path, detail: detail) }
    static func symbolMissing(_ name: String) -> NVMLError { NVMLError(code: .symbolMissing, context: name, detail: "symbol not exported") }
    static func call(_ name: String, _ status: Int32, _ text: String) -> NVMLError { NVMLError(code: .call(status), context: name, detail: text) }

    /// The `nvmlReturn_t` of a failed call, if it was one.
    public var returnCode: Int32? {
        if case .call(let status) = code { return status }
        return nil
    }

    /// True when the failure means "this machine has no working NVIDIA driver" rather than
    /// "the driver misbehaves": library missing, driver not loaded, library not found by NVML.
    public var meansNoDriver: Bool {
        switch code {
        case .libraryNotFound: true
        case .symbolMissing: false
        case .call(let status): status == NVMLReturn.driverNotLoaded || status == NVMLReturn.libraryNotFound
        }
    }

    public var description: String {
        switch code {
        case .libraryNotFound: "cannot load \(context): \(detail)"
        case .symbolMissing: "\(context): \(detail)"
        case .call(let status): "\(context) returned \(status) (\(detail))"
        }
    }
}

/// The `nvmlReturn_t` values the binding acts on (nvml.h).
enum NVMLReturn {
    static let success: Int32 = 0
    static let notSupported: Int32 = 3
    static let noPermission: Int32 = 4
    static let insufficientSize: Int32 = 7
    static let driverNotLoaded: Int32 = 9
    static let libraryNotFound: Int32 = 12
    static let gpuIsLost: Int32 = 15

    /// nvml.h's names, for messages when `nvmlErrorString` is not available.
    static func name(_ status: Int32) -> String {
        switch status {
        case 1: "NVML_ERROR_UNINITIALIZED"
        case 2: "NVML_ERROR_INVALID_ARGUMENT"
        case 3: "NVML_ERROR_NOT_SUPPORTED"
        case 4: "NVML_ERROR_NO_PERMISSION"
        case 6: "NVML_ERROR_NOT_FOUND"
        case 7: "NVML_ERROR_INSUFFICIENT_SIZE"
        case 9: "NVML_ERROR_DRIVER_NOT_LOADED"
        case 12: "NVML_ERROR_LIBRARY_NOT_FOUND"
        case 13: "NVML_ERROR_FUNCTION_NOT_FOUND"
        case 15: "NVML_ERROR_GPU_IS_LOST"
        case 18: "NVML_ERROR_LIB_RM_VERSION_MISMATCH"
        default: "NVML_ERROR_UNKNOWN"
        }
    }
}
