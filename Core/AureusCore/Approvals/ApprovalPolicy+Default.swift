extension ApprovalPolicy {
    /// The shipped default policy; identical to `docs/approval-policy.default.toml` (a test checks).
    ///
    /// Low risk auto-approves, medium needs one approver, high two; requests expire after an hour.
    public static let defaultText = """
        # Aureus approval policy (the shipped default).
        #
        # The server reads <data dir>/approval-policy.toml; when that file does not exist it uses this text,
        # which is also built into aureusd (ApprovalPolicy.defaultText). `policy.reload` re-reads the file:
        # a file with an error is rejected with its line and reason and the running policy stays in force.
        # The format is documented in docs/approvals.md.

        [defaults]
        ttl_seconds = 3600        # a pending request expires one hour after submission
        token_ttl_seconds = 900   # an approval token is valid for 15 minutes after it is issued
        risk = "medium"           # the risk when no rule matches and the type sets none

        # Distinct approvers needed per risk level. 0 auto-approves (the token is still signed and audited).
        # Submitters never count toward their own request.
        [levels.low]
        approvals = 0

        [levels.medium]
        approvals = 1

        [levels.high]
        approvals = 2

        # Request types and the payload each must carry. Fields not listed are allowed.
        # Field types: string, number, integer, boolean, object, array.
        [types.payment]
        required = ["amount", "currency", "recipient"]

        [types.payment.fields]
        amount = "number"
        currency = "string"
        recipient = "string"
        memo = "string"

        [types.data_export]
        required = ["dataset", "classification"]

        [types.data_export.fields]
        dataset = "string"
        classification = "string"
        rows = "integer"

        [types.deployment]
        required = ["service", "environment", "version"]

        [types.deployment.fields]
        service = "string"
        environment = "string"
        version = "string"

        # Rules: the highest risk among matching rules wins; ties go to the higher priority, then the
        # name that sorts first. ops: == != > >= < <= in exists. type = "*" matches every type.
        [rules.small_payment]
        type = "payment"
        field = "amount"
        op = "<"
        value = 1000
        risk = "low"

        [rules.large_payment]
        type = "payment"
        field = "amount"
        op = ">="
        value = 10000
        risk = "high"
        priority = 10

        [rules.public_data]
        type = "data_export"
        field = "classification"
        op = "=="
        value = "public"
        risk = "low"

        [rules.sensitive_data]
        type = "data_export"
        field = "classification"
        op = "in"
        value = ["confidential", "restricted", "pii"]
        risk = "high"

        [rules.production_deploy]
        type = "deployment"
        field = "environment"
        op = "=="
        value = "production"
        risk = "high"

        [rules.non_production_deploy]
        type = "deployment"
        field = "environment"
        op = "in"
        value = ["dev", "staging"]
        risk = "low"
        """

    /// The parsed default policy.
    public static var standard: ApprovalPolicy { PolicyHolder().policy }
}
