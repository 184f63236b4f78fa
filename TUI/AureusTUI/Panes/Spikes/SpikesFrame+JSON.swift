import AureusProtocol

extension SpikesFrame {
    /// Reads a `spikes` topic frame from the client's `JSONValue`, walking the marks array
    /// directly instead of through `Decodable` (a container per mark): at the top budget a
    /// frame carries ~10,000 marks every 50 ms, and the generic path spent most of the
    /// spike→screen budget there. The other members still go through `Decodable`.
    /// - Returns: nil when the frame or any mark is malformed (the caller reports it).
    static func reading(_ value: JSONValue) -> SpikesFrame? {
        guard var members = value.objectValue, let marks = members["spikes"]?.arrayValue else { return nil }
        members["spikes"] = .array([])
        guard var frame = try? JSONValue.object(members).decode(SpikesFrame.self) else { return nil }
        frame.spikes.reserveCapacity(marks.count)
        for mark in marks {
            guard case .array(let parts) = mark, parts.count == 3, let channel = parts[0].intValue, let sample = parts[1].intValue else {
                return nil
            }
            let amplitude: Float
            switch parts[2] {
            case .double(let number): amplitude = Float(number)
            case .int(let number): amplitude = Float(number)
            default: return nil
            }
            frame.spikes.append(SpikeMark(channel: Int(channel), sample: sample, amplitude: amplitude))
        }
        return frame
    }
}
