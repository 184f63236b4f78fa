internal import AureusCore

/// Approval policy files: the TOML parse, then every table and key validated by
/// `ApprovalPolicy(parsing:)`; a policy that loads is asked for its error messages' text too.
public enum ApprovalPolicyHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        do {
            _ = try ApprovalPolicy(parsing: String(decoding: input.rest(), as: UTF8.self))
        } catch {
            _ = error.description
        }
    }
}
