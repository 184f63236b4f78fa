/// Opens RIFF and RF64 WAV files: walks the chunks to `fmt ` and `data`, then streams the data.
///
/// RF64 (and its EBU twin BW64) replaces 32-bit sizes of 0xFFFFFFFF with the 64-bit sizes of a
/// `ds64` chunk, which is how recordings past 4 GiB stay WAV. Unknown chunks (LIST, fact, bext,
/// junk ...) are skipped with RIFF's pad byte after odd sizes. A plain RIFF data chunk sized
/// 0xFFFFFFFF (written while streaming, never patched) runs to the end of the file.
enum WAVRecording {
    /// The most bytes of a `fmt ` or `ds64` chunk we read; real ones are 16 to 40 (plus a table).
    private static let maximumHeaderChunk = 4096

    static func open(path: String, microvoltsPerUnit: Double?) throws(RecordingError) -> StreamingRecordingReader {
        let file = try RecordingFile(path: path)
        let head = ByteView(try file.bytes(at: 0, count: 12))
        guard head.count == 12, let magic = head.fourCC(0), let form = head.fourCC(8) else {
            throw file.error("the file is too short for a RIFF header (\(head.count) of 12 bytes)", at: Int64(head.count))
        }
        guard ["RIFF", "RF64", "BW64"].contains(magic) else {
            throw file.error("not a WAV file: it starts with \(quoted(head.bytes[0..<4])), not 'RIFF' or 'RF64'", at: 0)
        }
        guard form == "WAVE" else { throw file.error("the RIFF form type is \(quoted(head.bytes[8..<12])), not 'WAVE'", at: 8) }
        let chunks = try walk(file, rf64: magic != "RIFF")
        let scale = microvoltsPerUnit ?? 1
        guard scale.isFinite, scale != 0 else { throw file.error("a scale of \(scale) µV per unit is not usable", at: nil) }

        let frameBytes = Int64(chunks.format.blockAlign)
        let available = max(0, file.size - chunks.dataOffset)
        let present = min(chunks.dataSize, available)
        let wholeFrames = present / frameBytes
        let endOfFrames = chunks.dataOffset + wholeFrames * frameBytes
        var endError: RecordingError?
        if chunks.dataSize > available {
            endError = file.error("the data chunk is truncated: it declares \(chunks.dataSize) bytes, the file holds \(available)", at: endOfFrames)
        } else if present % frameBytes != 0 {
            endError = file.error("the data chunk ends inside a frame (\(present % frameBytes) of \(frameBytes) bytes)", at: endOfFrames)
        }
        let format = RecordingFormat(
            channelCount: chunks.format.channelCount,
            sampleRate: chunks.format.sampleRate,
            frameCount: wholeFrames,
            microvoltsPerUnit: scale,
            encoding: chunks.format.encoding.name
        )
        return StreamingRecordingReader(
            file: file,
            format: format,
            encoding: chunks.format.encoding,
            dataOffset: chunks.dataOffset,
            wholeFrames: wholeFrames,
            endError: endError
        )
    }

    private struct Chunks {
        var format: WAVFormatChunk
        var dataOffset: Int64
        var dataSize: Int64
    }

    /// Visits chunk headers from byte 12 until both `fmt ` and `data` are known.
    private static func walk(_ file: RecordingFile, rf64: Bool) throws(RecordingError) -> Chunks {
        var offset: Int64 = 12
        var format: WAVFormatChunk?
        var data: (offset: Int64, size: Int64)?
        var ds64DataSize: Int64?
        while true {
            let header = ByteView(try file.bytes(at: offset, count: 8))
            guard header.count == 8, let id = header.fourCC(0), let size32 = header.u32(4) else {
                let missing = format == nil ? "fmt" : "data"
                let problem = header.count == 0 ? "the file ends before a '\(missing)' chunk" : "the file ends inside a chunk header"
                throw file.error(problem, at: offset)
            }
            let body = offset + 8
            var size = Int64(size32)
            switch id {
            case "ds64" where rf64:
                let view = ByteView(try file.bytes(at: body, count: min(Int(size), maximumHeaderChunk)))
                guard size >= 24, let dataSize = view.u64(8) else {
                    throw file.error("the ds64 chunk is too short (\(view.count) bytes readable; it needs 24)", at: offset)
                }
                ds64DataSize = Int64(clamping: dataSize)
            case "fmt ":
                let wanted = min(Int(size), maximumHeaderChunk)
                let view = ByteView(try file.bytes(at: body, count: wanted))
                guard view.count == wanted else { throw file.error("the file ends inside the fmt chunk", at: body + Int64(view.count)) }
                format = try WAVFormatChunk(view, file: file, offset: body)
            case "data":
                if size32 == 0xFFFF_FFFF {
                    if let ds64DataSize {
                        size = ds64DataSize
                    } else if rf64 {
                        throw file.error("the RF64 data chunk defers its size to a ds64 chunk, but there is none before it", at: offset + 4)
                    } else {
                        size = max(0, file.size - body)
                    }
                }
                data = (body, size)
            default:
                break
            }
            // Stop before skipping the data: a lying size must not stop its frames from being read.
            if let format, let data { return Chunks(format: format, dataOffset: data.offset, dataSize: data.size) }
            // RIFF pads odd-sized chunks to an even length; a size past the end ends the walk at the next header.
            // Both sums are checked: a ds64 size clamps to Int64.max, where even the pad byte overflows.
            let (padded, padOverflow) = size.addingReportingOverflow(size & 1)
            let (next, overflow) = body.addingReportingOverflow(padded)
            guard !padOverflow, !overflow, next <= file.size else {
                // The data chunk gets here only when no fmt chunk came before it.
                let reason =
                    id == "data"
                    ? "the file has no fmt chunk before its data runs to the end" : "the file ends inside the '\(id)' chunk of \(size) bytes"
                throw file.error(reason, at: id == "data" ? body : file.size)
            }
            offset = next
        }
    }

    /// Four bytes as text for an error, with non-printing bytes as hex.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        let printable = bytes.allSatisfy { (0x20...0x7E).contains($0) }
        if printable { return "'\(String(decoding: bytes, as: Unicode.ASCII.self))'" }
        return hexadecimal(bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, digits: 2 * bytes.count)
    }
}
