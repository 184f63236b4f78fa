/// The live policy plus the text it came from; `reload` swaps it only when the new text is valid.
///
/// A value, so the server keeps it behind its own `Mutex` and readers get a consistent copy. A bad
/// file never leaves the server without a policy: the error is returned and the old one stays.
public struct PolicyHolder: Sendable {
    public private(set) var policy: ApprovalPolicy
    public private(set) var text: String
    /// Successful loads, starting at 1 for the initial policy; lets `policy.check` report which one answered.
    public private(set) var generation: Int = 1

    /// Starts with `text`, which must be valid (startup fails loudly on a bad policy file).
    public init(text: String) throws(ApprovalPolicyError) {
        self.policy = try ApprovalPolicy(parsing: text)
        self.text = text
    }

    /// Starts with the shipped default policy.
    public init() {
        do {
            try self.init(text: ApprovalPolicy.defaultText)
        } catch {
            preconditionFailure("the shipped default approval policy is invalid: \(error)")
        }
    }

    /// Validates `text` and, only if it is valid, makes it the live policy.
    @discardableResult
    public mutating func reload(_ text: String) -> Result<ApprovalPolicy, ApprovalPolicyError> {
        do {
            let parsed = try ApprovalPolicy(parsing: text)
            policy = parsed
            self.text = text
            generation += 1
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }
}
