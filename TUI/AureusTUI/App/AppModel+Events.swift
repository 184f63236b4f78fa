import AureusProtocol

extension AppModel {
    /// What to ask the server for after every (re)connect: the newest page of the audit
    /// trail and a subscription to its live tail.
    public static var onConnectEffects: [AppEffect] {
        [
            .sendRPC(method: RPCMethods.auditTail.name, params: .object(["limit": .int(Int64(AuditPane.pageLimit))])),
            .sendRPC(method: RPCMethods.subscribe.name, params: .object(["topics": .array([.string(Topic.audit.rawValue)])])),
        ]
    }

    /// Applies something the host observed and returns the effects it implies.
    @discardableResult
    public mutating func apply(_ event: AppEvent) -> [AppEffect] {
        switch event {
        case .connection(let status):
            let wasConnected = connection.isConnected
            setConnection(status)
            if status.isConnected {
                // Reconnected: data stays stale until the fresh page arrives.
                return wasConnected ? [] : Self.onConnectEffects
            }
            if audit.hasLoaded { setStale(true) }
        case .session(let user, let role):
            self.user = Sanitizer.clean(user)
            self.role = role
        case .rpcResult(let method, let params, let result):
            receive(method: method, params: params, result: result)
        case .rpcError(let method, let text):
            show("\(method) failed: \(Sanitizer.clean(text))", error: true)
        case .notification(let topic, let data):
            guard topic == Topic.audit.rawValue else { return [] }
            guard let auditEvent = try? data.decode(AuditEvent.self) else {
                show("could not read an audit event from the server", error: true)
                return []
            }
            audit.receive(live: auditEvent)
        case .tick(let time):
            now = time
        case .themeLoaded(let name):
            setThemeName(name)
            show("theme: \(name)")
        case .themeFailed(let text):
            show(Sanitizer.clean(text), error: true)
        case .resize(let newSize):
            size = newSize
        }
        return []
    }

    private mutating func receive(method: String, params: JSONValue, result: JSONValue) {
        guard method == RPCMethods.auditTail.name else { return }
        guard let page = try? result.decode(AuditTailResult.self) else {
            show("could not read the audit page from the server", error: true)
            return
        }
        let isOlder = params["cursor"] != nil && params["cursor"] != .null
        audit.receive(page: page, isOlderPage: isOlder)
        if !isOlder { setStale(false) }
    }
}
