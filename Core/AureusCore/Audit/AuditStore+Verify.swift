import AureusProtocol

extension AuditStore {
    /// Walks the whole chain page by page and reports the first broken link.
    ///
    /// Memory stays at one page whatever the log size. A deleted *last* row cannot be seen from
    /// the chain alone: a client that remembers the highest `seq` it saw compares it with `checked`.
    public func verifyChain(digester: some SHA256Digester, pageSize: Int = 1000) async throws -> AuditVerifyResult {
        var verifier = AuditChainVerifier()
        var after: Int64 = 0
        while true {
            let page = try await auditRange(afterSeq: after, limit: pageSize)
            if page.isEmpty { break }
            for event in page {
                if let broken = verifier.check(event, digester: digester) {
                    return AuditVerifyResult(ok: false, checked: verifier.checked, brokenAt: broken.seq, reason: broken.description)
                }
            }
            after = page.last!.seq
            if page.count < pageSize { break }
        }
        return AuditVerifyResult(ok: true, checked: verifier.checked)
    }
}
