import AureusProtocol

extension ServerServices {
    /// `neural.sources.*` and `spikes.*`: see `NeuralService`.
    func registerNeuralMethods(into table: inout RPCMethodTable) {
        table.registerAudited(RPCMethods.neuralSourcesStart, NeuralSourceStartParams.self) { context, params in
            let info = try neural.start(params, caller: try context.caller)
            return (info, AuditNote(target: info.id, result: nil))
        }
        table.registerAudited(RPCMethods.neuralSourcesStop, NeuralSourceStopParams.self) { context, params in
            (try neural.stop(params.id, caller: try context.caller), AuditNote(target: params.id, result: nil))
        }
        table.register(RPCMethods.neuralSourcesList, NoParams.self) { _, _ in neural.list() }
        table.register(RPCMethods.spikesConfigure, SpikesConfigureParams.self) { context, params in
            SpikesConfigureResult(maxSpikesPerSecond: bus.setSpikeBudget(context.connectionID, perSecond: params.maxSpikesPerSecond))
        }
        table.register(RPCMethods.spikesSnapshot, SpikesSnapshotParams.self) { _, params in try neural.snapshot(params) }
        table.register(RPCMethods.spikesSnippets, SpikesSnippetsParams.self) { _, params in try neural.snippets(params) }
    }
}
