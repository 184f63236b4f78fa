import PostgresNIO

extension PostgresBindings {
    /// Bindings for the parameters an `SQLConditions` produced, in order.
    init(_ binds: [SQLConditions.Bind]) {
        self.init(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .text(let text): append(text)
            case .integer(let number): append(number)
            }
        }
    }
}
