import AureusCore
import AureusProtocol
import Foundation
import Synchronization

/// The approval policy the server runs, read from `<data-dir>/approval-policy.toml`.
///
/// A missing file means the shipped default. A bad file at start-up stops the server (better than
/// running a policy nobody wrote); a bad file at `reload()` is rejected with its line and reason and
/// the running policy stays.
final class PolicyFile: Sendable {
    static let fileName = "approval-policy.toml"
    static let defaultSource = "built-in default"

    let path: String
    private let holder: Mutex<(holder: PolicyHolder, source: String)>

    init(dataDirectory: String) throws {
        path = (dataDirectory as NSString).appendingPathComponent(Self.fileName)
        if let text = try Self.read(path) {
            do {
                holder = Mutex((try PolicyHolder(text: text), path))
            } catch {
                throw PolicyFileError(description: "\(path): \(error)")
            }
        } else {
            holder = Mutex((PolicyHolder(), Self.defaultSource))
        }
    }

    var policy: ApprovalPolicy { holder.withLock { $0.holder.policy } }
    var generation: Int { holder.withLock { $0.holder.generation } }

    /// The policy and its load number, read together.
    var current: (policy: ApprovalPolicy, generation: Int, source: String) {
        holder.withLock { ($0.holder.policy, $0.holder.generation, $0.source) }
    }

    /// Re-reads the file (or the default when it is gone) and swaps it in only when valid.
    func reload() -> Result<PolicyReloadResult, ApprovalPolicyError> {
        let text: String
        let source: String
        do {
            if let fileText = try Self.read(path) {
                text = fileText
                source = path
            } else {
                text = ApprovalPolicy.defaultText
                source = Self.defaultSource
            }
        } catch {
            return .failure(ApprovalPolicyError(line: nil, table: nil, reason: "cannot read \(path): \(error)"))
        }
        return holder.withLock { state in
            switch state.holder.reload(text) {
            case .failure(let error): return .failure(error)
            case .success(let policy):
                state.source = source
                return .success(
                    PolicyReloadResult(
                        generation: state.holder.generation,
                        types: policy.types.keys.sorted(),
                        rules: policy.rules.map(\.name),
                        source: source
                    )
                )
            }
        }
    }

    private static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw PolicyFileError(description: "cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw PolicyFileError(description: "\(path) is not UTF-8") }
        return text
    }
}

struct PolicyFileError: Error, CustomStringConvertible {
    let description: String
}
