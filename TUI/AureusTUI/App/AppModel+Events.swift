import AureusProtocol

extension AppModel {
    /// What to ask the server for after every (re)connect: the newest page of the audit
    /// trail, the current rates (whose `history` seeds the sparklines), the pending approval
    /// queue, the GPU and Ollama snapshots, the spikes snapshot (sources and backfill), the
    /// instance's dependency states, and one subscription to every live topic the screen shows.
    public static var onConnectEffects: [AppEffect] {
        let topics: [JSONValue] = [Topic.audit, .rates, .approvals, .gpu, .ollama, .spikes, .status].map { .string($0.rawValue) }
        return [
            .sendRPC(method: RPCMethods.status.name, params: .object([:])),
            .sendRPC(method: RPCMethods.auditTail.name, params: .object(["limit": .int(Int64(AuditPane.pageLimit))])),
            .sendRPC(method: RPCMethods.ratesSnapshot.name, params: .object([:])),
            .sendRPC(method: RPCMethods.approvalsList.name, params: .object(["status": "pending", "limit": 1000])),
            .sendRPC(method: RPCMethods.gpuSnapshot.name, params: .object([:])),
            .sendRPC(method: RPCMethods.ollamaSnapshot.name, params: .object([:])),
            SpikesRequests.snapshot(stream: nil),
            .sendRPC(method: RPCMethods.subscribe.name, params: .object(["topics": .array(topics)])),
        ]
    }

    /// Applies something the host observed and returns the effects it implies.
    @discardableResult
    public mutating func apply(_ event: AppEvent) -> [AppEffect] {
        let effects = applyEvent(event)
        return effects + spikesBudgetEffects()
    }

    private mutating func applyEvent(_ event: AppEvent) -> [AppEffect] {
        switch event {
        case .connection(let status):
            let wasConnected = connection.isConnected
            setConnection(status)
            if status.isConnected {
                // Reconnected: data stays stale until the fresh page arrives.
                guard !wasConnected else { return [] }
                let dashboard = replOnly ? [] : Self.onConnectEffects
                return mode == .repl ? dashboard + replEffects(repl.opened()) : dashboard
            }
            if audit.hasLoaded { setStale(.audit, true) }
            if rates.hasLoaded { setStale(.rates, true) }
            if approvals.hasLoaded { setStale(.approvals, true) }
            if gpu.hasLoaded { setStale(.gpu, true) }
            if spikes.hasLoaded { setStale(.spikes, true) }
            spikes.connectionLost()
            serverStatus = nil
        case .session(let user, let role):
            self.user = Sanitizer.clean(user)
            self.role = role
            approvals.setSession(user: user, role: role)
        case .rpcResult(let method, let params, let result):
            if let effects = receiveSpikes(method: method, params: params, result: result) { return effects }
            receive(method: method, params: params, result: result)
        case .rpcError(let method, let text) where method == RPCMethods.spikesSnippets.name:
            spikes.snippetsFailed(text)
        case .rpcError(let method, let text):
            show("\(method) failed: \(Sanitizer.clean(text))", error: true)
        case .decisionFailed(let id, let text):
            approvals.decisionFailed(id: id)
            show("decision on \(Sanitizer.clean(id)) failed: \(Sanitizer.clean(text))", error: true)
        case .notification(let topic, let data):
            if topic == Topic.spikes.rawValue { return receiveSpikes(frame: data) }
            receive(topic: topic, data: data)
        case .tick(let time):
            now = time
            gpu.tick(time)
            return spikesTickEffects()
        case .themeLoaded(let name):
            setThemeName(name)
            show("theme: \(name)")
        case .themeFailed(let text):
            show(Sanitizer.clean(text), error: true)
        case .resize(let newSize):
            size = newSize
            return replEffects(repl.resized(newSize))
        case .repl(let response):
            return replEffects(repl.receive(response))
        }
        return []
    }

    private mutating func receive(topic: String, data: JSONValue) {
        switch topic {
        case Topic.audit.rawValue:
            guard let auditEvent = try? data.decode(AuditEvent.self) else {
                show("could not read an audit event from the server", error: true)
                return
            }
            audit.receive(live: auditEvent)
        case Topic.rates.rawValue:
            receiveRates(data)
        case Topic.approvals.rawValue:
            guard let update = try? data.decode(ApprovalInfo.self) else {
                show("could not read an approval update from the server", error: true)
                return
            }
            approvals.receive(update: update)
        case Topic.gpu.rawValue, Topic.ollama.rawValue:
            receiveWatcher(topic: topic, data)
        case Topic.status.rawValue:
            receiveStatus(data)
        default:
            break
        }
    }

    /// The instance's dependency states; a change is also told in the message line, with the
    /// server's words for what it means ("redis degraded: … live events stay on this instance").
    private mutating func receiveStatus(_ data: JSONValue) {
        guard let status = try? data.decode(ServerStatus.self) else { return }
        let before = Dictionary(uniqueKeysWithValues: (serverStatus?.dependencies ?? []).map { ($0.name, $0.state) })
        serverStatus = status
        for dependency in status.dependencies
        where before[dependency.name].map({ $0 != dependency.state }) ?? (dependency.state == .degraded || dependency.state == .down) {
            let detail = dependency.detail.map { ": " + Sanitizer.clean($0) } ?? ""
            show("\(Sanitizer.clean(dependency.name)) \(dependency.state.rawValue)\(detail)", error: dependency.state == .down)
        }
    }

    /// A rates snapshot, pushed or fetched: each is complete, so either one makes the pane fresh.
    private mutating func receiveRates(_ data: JSONValue) {
        guard let snapshot = try? data.decode(RatesSnapshot.self) else {
            show("could not read the rates snapshot from the server", error: true)
            return
        }
        rates.receive(snapshot)
        setStale(.rates, false)
    }

    /// A GPU or Ollama snapshot, pushed or fetched; either makes the GPU pane fresh.
    private mutating func receiveWatcher(topic: String, _ data: JSONValue) {
        gpu.tick(now)
        if topic == Topic.gpu.rawValue {
            guard let snapshot = try? data.decode(GPUSnapshot.self) else {
                show("could not read the GPU snapshot from the server", error: true)
                return
            }
            gpu.receive(snapshot)
        } else {
            guard let snapshot = try? data.decode(OllamaSnapshot.self) else {
                show("could not read the Ollama snapshot from the server", error: true)
                return
            }
            gpu.receive(snapshot)
        }
        setStale(.gpu, false)
    }

    private mutating func receive(method: String, params: JSONValue, result: JSONValue) {
        if method == RPCMethods.ratesSnapshot.name {
            receiveRates(result)
            return
        }
        if method == RPCMethods.approvalsList.name, let list = try? result.decode(ApprovalsListResult.self) {
            approvals.receive(list: list.approvals)
            setStale(.approvals, false)
            return
        }
        if method == RPCMethods.approvalsDecide.name, let update = try? result.decode(ApprovalInfo.self) {
            approvals.receive(update: update)
            let progress = update.status == "pending" ? " (\(update.approvals)/\(update.requiredApprovals))" : ""
            show("\(Sanitizer.clean(update.id)): \(update.status)\(progress)")
            return
        }
        if method == RPCMethods.status.name {
            receiveStatus(result)
            return
        }
        if method == RPCMethods.gpuSnapshot.name || method == RPCMethods.ollamaSnapshot.name {
            receiveWatcher(topic: method == RPCMethods.gpuSnapshot.name ? Topic.gpu.rawValue : Topic.ollama.rawValue, result)
            return
        }
        guard method == RPCMethods.auditTail.name else { return }
        guard let page = try? result.decode(AuditTailResult.self) else {
            show("could not read the audit page from the server", error: true)
            return
        }
        let isOlder = params["cursor"] != nil && params["cursor"] != .null
        audit.receive(page: page, isOlderPage: isOlder)
        if !isOlder { setStale(.audit, false) }
    }
}
