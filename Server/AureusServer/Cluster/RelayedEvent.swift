import AureusCore
import AureusProtocol
import Foundation

/// What one instance hands the others through Redis: a live-topic event, a spikes frame (each
/// instance thins it to its own clients' budgets) or the ingestion counts behind `rates`.
enum RelayedEvent: Sendable {
    case event(topic: String, dataJSON: [UInt8])
    case spikes(SpikesRelay)
    case rates(RateDelta)

    /// Topics whose events are relayed as they are; `gpu`, `ollama` and `status` describe the
    /// instance itself, and `rates` is rebuilt on each instance from forwarded counts.
    static let relayedTopics: Set<String> = [Topic.audit.rawValue, Topic.approvals.rawValue]
    /// Every channel an instance listens on.
    static let channels = [Topic.audit.rawValue, Topic.approvals.rawValue, Topic.spikes.rawValue, Topic.rates.rawValue]

    var channel: String {
        switch self {
        case .event(let topic, _): topic
        case .spikes: Topic.spikes.rawValue
        case .rates: Topic.rates.rawValue
        }
    }

    /// The wire form: the sending instance's id, a newline, then the JSON body.
    func encoded(origin: String) -> [UInt8]? {
        let body: [UInt8]?
        switch self {
        case .event(_, let json): body = json
        case .spikes(let relay): body = try? JSONCoding.encode(relay)
        case .rates(let delta): body = try? JSONCoding.encode(delta)
        }
        guard let body else { return nil }
        return Array(origin.utf8) + [0x0A] + body
    }

    /// Splits a message into its origin and event; nil for a message this build cannot read
    /// (an instance of another version may share the Redis during a rolling upgrade).
    static func decode(channel: String, message: [UInt8]) -> (origin: String, event: RelayedEvent)? {
        guard let newline = message.firstIndex(of: 0x0A) else { return nil }
        let origin = String(decoding: message[..<newline], as: UTF8.self)
        let body = Array(message[(newline + 1)...])
        switch channel {
        case Topic.spikes.rawValue:
            guard let relay = try? JSONCoding.decoder.decode(SpikesRelay.self, from: Data(body)) else { return nil }
            return (origin, .spikes(relay))
        case Topic.rates.rawValue:
            guard let delta = try? JSONCoding.decoder.decode(RateDelta.self, from: Data(body)) else { return nil }
            return (origin, .rates(delta))
        case let topic where relayedTopics.contains(topic):
            return (origin, .event(topic: topic, dataJSON: body))
        default:
            return nil
        }
    }
}

/// A spikes frame with what the receiving instance needs to thin it the same way.
struct SpikesRelay: Codable, Sendable {
    var frame: SpikesFrame
    var wallSeconds: Double
    var streams: Int
}
