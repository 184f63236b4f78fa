import AureusCore
import AureusProtocol
import Foundation
import Logging

/// One JSON object per line on stderr: time, level, label, message and metadata. Values pass
/// through `SecretRedaction` keys, so a secret placed in metadata by mistake is still masked.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: JSONValue] = [
            "time": .string(SystemWallClock().now().iso8601),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "msg": .string("\(event.message)"),
        ]
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        for (key, value) in merged {
            object[key] = SecretRedaction.isSecret(key: key) ? SecretRedaction.placeholder : Self.json(value)
        }
        var line = CanonicalJSON.encode(.object(object))
        line.append(0x0A)
        FileHandle.standardError.write(Data(line))
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let item): .string(item.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }
}
