/// Opens a MAT-file Level 5 recording: picks the signal variable and its sample rate.
///
/// - The signal is the variable `data` when there is one (Quiroga's simulated datasets, many
///   lab exports), else the largest real numeric 2-D matrix.
/// - Orientation: the longer dimension is time. A matrix of (rows, cols) with rows ≤ cols is
///   channels × samples, otherwise samples × channels; a square one is read as channels × samples.
/// - The rate: `samplingInterval` in milliseconds (Quiroga), else the first of `sr`, `fs`, `Fs`,
///   `sampleRate`, `sampling_rate`, `samplingRate`, `srate` in hertz; a caller's rate wins.
/// - Values are taken as microvolts (1 unit = 1 µV) unless the caller gives a scale: MAT files
///   carry no unit.
enum MATRecording {
    static let rateNamesInHertz = ["sr", "fs", "Fs", "sampleRate", "sampling_rate", "samplingRate", "srate"]

    static func open(path: String, sampleRate: Double?, microvoltsPerUnit: Double?) throws(RecordingError) -> MATRecordingReader {
        let file = try RecordingFile(path: path)
        guard file.size <= Int64(MATFile.maximumBytes) else {
            throw file.error("MAT files are loaded whole; this one is \(file.size) bytes, past the 2 GiB limit", at: nil)
        }
        let bytes = try file.bytes(at: 0, count: Int(file.size))
        guard Int64(bytes.count) == file.size else { throw file.error("the file shrank while it was read", at: Int64(bytes.count)) }
        let mat = try MATFile(path: path, bytes: bytes)
        let signal = try chooseSignal(mat, path: path)
        let rate: Double
        if let sampleRate { rate = sampleRate } else { rate = try fileRate(mat, path: path) }
        guard rate.isFinite, rate > 0 else {
            throw RecordingError(path: path, offset: nil, reason: "the sample rate \(rate) Hz is not a positive number")
        }
        let scale = microvoltsPerUnit ?? 1
        guard scale.isFinite, scale != 0 else {
            throw RecordingError(path: path, offset: nil, reason: "a scale of \(scale) µV per unit is not usable")
        }
        return MATRecordingReader(variable: signal, sampleRate: rate, microvoltsPerUnit: scale)
    }

    private static func chooseSignal(_ mat: MATFile, path: String) throws(RecordingError) -> MATVariable {
        if let data = mat.variables.first(where: { $0.name == "data" }) {
            guard data.isSignal else {
                let what =
                    data.isComplex ? "complex" : data.real == nil ? "not numeric (class \(data.classID))" : "not a 2-D matrix of 2 or more values"
                throw data.buffer.error("the variable 'data' is \(what)", at: data.tagOffset)
            }
            return data
        }
        guard let largest = mat.variables.filter(\.isSignal).max(by: { $0.elementCount < $1.elementCount }) else {
            let names = mat.variables.map { "'\($0.name)'" }.joined(separator: ", ")
            throw RecordingError(path: path, offset: nil, reason: "no real numeric matrix to read (variables: \(names.isEmpty ? "none" : names))")
        }
        return largest
    }

    private static func fileRate(_ mat: MATFile, path: String) throws(RecordingError) -> Double {
        func scalar(_ name: String) -> Double? { mat.variables.first { $0.name == name }?.scalar }
        if let interval = scalar("samplingInterval") {
            guard interval.isFinite, interval > 0 else {
                throw RecordingError(path: path, offset: nil, reason: "samplingInterval \(interval) ms is not a positive number")
            }
            return 1000 / interval
        }
        for name in rateNamesInHertz {
            if let rate = scalar(name) { return rate }
        }
        throw RecordingError(
            path: path,
            offset: nil,
            reason: "no sample rate: no scalar samplingInterval (ms) or \(rateNamesInHertz.joined(separator: "/")) (Hz); give one when opening"
        )
    }
}
