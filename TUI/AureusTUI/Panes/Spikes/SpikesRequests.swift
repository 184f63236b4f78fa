import AureusProtocol

/// The RPCs the spikes pane asks its host to send, in one place so the pane, the app model
/// and the tests name them the same way.
public enum SpikesRequests {
    /// Snapshot seconds: the longest zoom step, so any window is full right after a switch.
    public static let backfillSeconds = SpikeWindow.keptSeconds
    /// Snippets per request: enough to see the unit's shape and its spread.
    public static let snippetCount = 8

    /// `spikes.snapshot` of `stream` (nil: the server's first running stream).
    public static func snapshot(stream: String?) -> AppEffect {
        var params: [String: JSONValue] = ["seconds": .double(backfillSeconds)]
        if let stream { params["stream"] = .string(stream) }
        return .sendRPC(method: RPCMethods.spikesSnapshot.name, params: .object(params))
    }

    public static func snippets(stream: String, channel: Int) -> AppEffect {
        .sendRPC(
            method: RPCMethods.spikesSnippets.name,
            params: .object(["stream": .string(stream), "channel": .int(Int64(channel)), "count": .int(Int64(snippetCount))])
        )
    }

    public static func configure(_ budget: Int) -> AppEffect {
        .sendRPC(method: RPCMethods.spikesConfigure.name, params: .object(["maxSpikesPerSecond": .int(Int64(budget))]))
    }
}
