import AureusCore
import AureusProtocol

extension ServerServices {
    func registerServerMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.hello, HelloParams.self) { context, _ in
            HelloResult(
                protocolVersion: ProtocolVersion.string,
                serverVersion: ServerVersion.string,
                capabilities: ServerVersion.capabilities,
                topics: Topic.allCases.map(\.rawValue),
                user: context.session?.user
            )
        }
        table.register(RPCMethods.ping, NoParams.self) { _, _ in PingResult(time: clock.now()) }
        table.register(RPCMethods.status, NoParams.self) { _, _ in board.status }
        table.register(RPCMethods.subscribe, SubscribeParams.self) { context, params in
            let topics = try Self.validTopics(params.topics, for: try context.caller.role)
            return SubscribeResult(topics: bus.subscribe(context.connectionID, topics: topics))
        }
        table.register(RPCMethods.unsubscribe, SubscribeParams.self) { context, params in
            SubscribeResult(topics: bus.unsubscribe(context.connectionID, topics: params.topics))
        }
    }

    static func validTopics(_ names: [String], for role: Role) throws -> [String] {
        guard !names.isEmpty else { throw RPCError(.invalidParams, reason: "topics must name at least one topic") }
        return try names.map { name in
            guard let topic = Topic(rawValue: name) else {
                let known = Topic.allCases.map(\.rawValue).joined(separator: ", ")
                throw RPCError(.invalidParams, reason: "unknown topic '\(Sanitize.short(name))'; topics are \(known)")
            }
            guard role.includes(topic.minimumRole) else {
                throw RPCError(.forbidden, reason: "topic \(name) requires role \(topic.minimumRole.rawValue)")
            }
            return topic.rawValue
        }
    }
}
