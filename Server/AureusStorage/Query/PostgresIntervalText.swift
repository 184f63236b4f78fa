import NIOCore

/// A binary `interval` (microseconds, days, months) as psql shows it with the default
/// IntervalStyle `postgres`: "1 year 2 mons 3 days 04:05:06.5", "-1 days +02:00:00", "00:00:00".
enum PostgresIntervalText {
    static func text(_ buffer: inout ByteBuffer) -> String? {
        guard let microseconds = buffer.readInteger(as: Int64.self), let days = buffer.readInteger(as: Int32.self),
            let months = buffer.readInteger(as: Int32.self)
        else { return nil }
        var parts: [String] = []
        // Once a negative field has been written, a later positive one carries an explicit "+".
        var negativeSeen = false
        func add(_ value: Int64, _ unit: String) {
            guard value != 0 else { return }
            parts.append((negativeSeen && value > 0 ? "+" : "") + "\(value) \(unit)\(value == 1 ? "" : "s")")
            if value < 0 { negativeSeen = true }
        }
        add(Int64(months / 12), "year")
        add(Int64(months % 12), "mon")
        add(Int64(days), "day")
        if microseconds != 0 || parts.isEmpty {
            let sign = microseconds < 0 ? "-" : (negativeSeen ? "+" : "")
            parts.append(sign + PostgresCellValue.timeOfDay(microseconds))
        }
        return parts.joined(separator: " ")
    }
}
