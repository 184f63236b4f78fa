/// A rejected DSP configuration: bad band, order, rate, channel count or threshold.
///
/// Thrown at construction so that the streaming paths, which run per block, never need to fail.
public struct SpikeDSPError: Error, CustomStringConvertible, Equatable {
    private enum Code: Equatable {
        case invalidParameter
    }

    private let code: Code
    public let detail: String

    public static func invalidParameter(_ detail: String) -> SpikeDSPError { SpikeDSPError(code: .invalidParameter, detail: detail) }

    public var description: String { "invalid spike DSP parameter: \(detail)" }
}
