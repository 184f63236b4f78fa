internal import AureusProtocol

/// Method name → a decode of its params type, mirroring the server's handler registrations
/// (Server/AureusServer/RPC/Handlers), which the fuzz package cannot link.
enum RPCParamsTable {
    typealias Decode = @Sendable (JSONValue) throws -> Void

    static let decoders: [String: Decode] = [
        RPCMethods.hello.name: decoder(HelloParams.self),
        RPCMethods.login.name: decoder(LoginParams.self),
        RPCMethods.tokensCreate.name: decoder(TokensCreateParams.self),
        RPCMethods.tokensRevoke.name: decoder(TokensRevokeParams.self),
        RPCMethods.usersCreate.name: decoder(UsersCreateParams.self),
        RPCMethods.usersSetRole.name: decoder(UsersSetRoleParams.self),
        RPCMethods.usersDisable.name: decoder(UsersDisableParams.self),
        RPCMethods.usersPasswd.name: decoder(UsersPasswdParams.self),
        RPCMethods.auditTail.name: decoder(AuditTailParams.self),
        RPCMethods.sourcesCreate.name: decoder(SourcesCreateParams.self),
        RPCMethods.sourcesRotateSecret.name: decoder(SourcesRotateParams.self),
        RPCMethods.sourcesDisable.name: decoder(SourcesDisableParams.self),
        RPCMethods.approvalsSubmit.name: decoder(ApprovalsSubmitParams.self),
        RPCMethods.approvalsList.name: decoder(ApprovalsListParams.self),
        RPCMethods.approvalsGet.name: decoder(ApprovalIDParams.self),
        RPCMethods.approvalsDecide.name: decoder(ApprovalsDecideParams.self),
        RPCMethods.approvalsRevoke.name: decoder(ApprovalsRevokeParams.self),
        RPCMethods.policyCheck.name: decoder(PolicyCheckParams.self),
        RPCMethods.keysRegister.name: decoder(KeysRegisterParams.self),
        RPCMethods.keysConfirm.name: decoder(KeyIDParams.self),
        RPCMethods.keysRevoke.name: decoder(KeyIDParams.self),
        RPCMethods.neuralSourcesStart.name: decoder(NeuralSourceStartParams.self),
        RPCMethods.neuralSourcesStop.name: decoder(NeuralSourceStopParams.self),
        RPCMethods.spikesConfigure.name: decoder(SpikesConfigureParams.self),
        RPCMethods.spikesSnapshot.name: decoder(SpikesSnapshotParams.self),
        RPCMethods.spikesSnippets.name: decoder(SpikesSnippetsParams.self),
        RPCMethods.queryRun.name: decoder(QueryRunParams.self),
        RPCMethods.queryFetch.name: decoder(QueryFetchParams.self),
        RPCMethods.queryCancel.name: decoder(QueryCancelParams.self),
        RPCMethods.queryAsk.name: decoder(QueryAskParams.self),
        RPCMethods.datasetsDescribe.name: decoder(DatasetsDescribeParams.self),
        RPCMethods.datasetsImport.name: decoder(DatasetsImportParams.self),
        RPCMethods.evidenceGet.name: decoder(EvidenceGetParams.self),
        RPCMethods.subscribe.name: decoder(SubscribeParams.self),
        RPCMethods.unsubscribe.name: decoder(SubscribeParams.self),
    ]

    /// Unknown and parameterless methods still get their params decoded, into a type picked
    /// by the name, so mutated names keep exercising the decoders.
    static func fallback(for method: String) -> Decode {
        let index = method.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % ordered.count
        return ordered[index]
    }

    /// The decoders in method-name order, so `fallback(for:)` picks the same one every run.
    private static let ordered: [Decode] = decoders.sorted { $0.key < $1.key }.map(\.value)

    private static func decoder<T: Decodable & SendableMetatype>(_ type: T.Type) -> Decode {
        { json in _ = try json.decode(T.self) }
    }
}
