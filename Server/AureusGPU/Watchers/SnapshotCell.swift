import Synchronization

/// The newest value a watcher produced, for the `*.snapshot` RPCs; written by the watcher,
/// read by any connection.
public final class SnapshotCell<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    public init(_ initial: Value) { value = Mutex(initial) }

    public func get() -> Value { value.withLock { $0 } }

    func set(_ newValue: Value) { value.withLock { $0 = newValue } }

    func update<R>(_ body: (inout Value) -> R) -> R { value.withLock { body(&$0) } }
}
