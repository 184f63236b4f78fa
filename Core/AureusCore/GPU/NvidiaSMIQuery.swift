import AureusProtocol

/// Reads `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` output: the fallback when
/// NVML cannot be used directly.
///
/// Fields are matched by name, so one parser reads any column order the caller asked for
/// (and the real captures in the tests, which use other field lists). Values in brackets
/// (`[N/A]`, `[Not Supported]`, `[Unknown Error]`, `[Requested functionality has been
/// deprecated]`) and `N/A` mean "no value" and become nil.
///
/// ```swift
/// let query = NvidiaSMIQuery.standard
/// let devices = try query.parseDevices(output)   // output of: nvidia-smi \(query.arguments)
/// ```
public struct NvidiaSMIQuery: Sendable, Hashable {
    /// The `--query-gpu` field names, in order.
    public var fields: [String]

    public init(fields: [String]) { self.fields = fields }

    /// What the watcher asks for: every reading the pane shows.
    public static let standard = NvidiaSMIQuery(fields: [
        "index", "name", "uuid", "utilization.gpu", "utilization.memory", "memory.used", "memory.total",
        "temperature.gpu", "power.draw", "power.limit", "fan.speed", "driver_version",
    ])

    /// The processes query run next to the device query.
    public static let processFields = ["gpu_uuid", "pid", "process_name", "used_gpu_memory"]

    /// Command-line arguments for the device query.
    public var arguments: [String] { ["--query-gpu=" + fields.joined(separator: ","), "--format=csv,noheader,nounits"] }

    public static var processArguments: [String] {
        ["--query-compute-apps=" + processFields.joined(separator: ","), "--format=csv,noheader,nounits"]
    }

    /// One GPU per non-empty line. Memory comes in MiB and becomes bytes; power stays in watts.
    ///
    /// - Throws: `NvidiaSMIParseError` for a line with the wrong number of fields (the output of
    ///   a different query, or an error message printed instead of data).
    public func parseDevices(_ output: String) throws(NvidiaSMIParseError) -> [GPUDevice] {
        var devices: [GPUDevice] = []
        for (lineIndex, line) in Self.lines(output).enumerated() {
            let cells = try split(line, lineNumber: lineIndex + 1)
            func text(_ field: String) -> String? { fields.firstIndex(of: field).flatMap { Self.value(cells[$0]) } }
            func number(_ field: String) -> Double? { text(field).flatMap { Double($0) } }
            func whole(_ field: String) -> Int? { number(field).map { Int($0.rounded()) } }
            func mebibytes(_ field: String) -> Int64? { number(field).map { Int64($0 * 1_048_576) } }
            devices.append(
                GPUDevice(
                    index: whole("index") ?? devices.count,
                    name: text("name") ?? text("gpu_name") ?? "GPU \(devices.count)",
                    uuid: text("uuid") ?? text("gpu_uuid") ?? "",
                    utilizationPercent: whole("utilization.gpu"),
                    memoryUtilizationPercent: whole("utilization.memory"),
                    memoryUsedBytes: mebibytes("memory.used"),
                    memoryTotalBytes: mebibytes("memory.total"),
                    temperatureCelsius: whole("temperature.gpu"),
                    powerWatts: number("power.draw"),
                    powerLimitWatts: number("power.limit"),
                    fanPercent: whole("fan.speed")
                )
            )
        }
        return devices
    }

    /// The driver version from a `driver_version` column, if the query has one.
    public func driverVersion(_ output: String) -> String? {
        guard let column = fields.firstIndex(of: "driver_version"), let line = Self.lines(output).first else { return nil }
        let cells = Self.cells(line)
        return cells.indices.contains(column) ? Self.value(cells[column]) : nil
    }

    /// `--query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory` lines, by GPU UUID.
    /// A process name may itself contain commas; the fields around it are fixed.
    public static func parseProcesses(_ output: String) -> [String: [GPUProcess]] {
        var byGPU: [String: [GPUProcess]] = [:]
        for line in lines(output) {
            let cells = cells(line)
            guard cells.count >= 4, let pid = Int(cells[1]) else { continue }
            let name = cells[2..<(cells.count - 1)].joined(separator: ",")
            let memory = value(cells[cells.count - 1]).flatMap { Double($0) }.map { Int64($0 * 1_048_576) }
            byGPU[cells[0], default: []].append(GPUProcess(pid: pid, name: value(name) ?? "?", memoryBytes: memory))
        }
        return byGPU
    }

    // MARK: Cells

    private func split(_ line: Substring, lineNumber: Int) throws(NvidiaSMIParseError) -> [String] {
        var cells = Self.cells(line)
        // A product name with a comma in it: join the surplus back into the name column.
        if cells.count > fields.count, let name = fields.firstIndex(where: { $0 == "name" || $0 == "gpu_name" }) {
            let surplus = cells.count - fields.count
            cells.replaceSubrange(name...(name + surplus), with: [cells[name...(name + surplus)].joined(separator: ", ")])
        }
        guard cells.count == fields.count else {
            throw NvidiaSMIParseError(line: lineNumber, reason: "expected \(fields.count) fields, found \(cells.count)")
        }
        return cells
    }

    static func lines(_ output: String) -> [Substring] {
        output.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    static func cells(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { Self.trim($0) }
    }

    static func trim(_ text: Substring) -> String {
        var view = text
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    /// nil for the bracketed "no value" markers.
    static func value(_ cell: String) -> String? {
        if cell.isEmpty || cell == "N/A" || (cell.hasPrefix("[") && cell.hasSuffix("]")) { return nil }
        return cell
    }
}

/// Output that is not what the query asked for.
public struct NvidiaSMIParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public var description: String { "nvidia-smi output line \(line): \(reason)" }
}
