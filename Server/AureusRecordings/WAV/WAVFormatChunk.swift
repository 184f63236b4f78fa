/// The `fmt ` chunk of a WAV file, reduced to what the reader needs and validated.
///
/// Accepts PCM (1), IEEE float (3) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) whose sub-format GUID is
/// PCM or float: scipy writes multichannel files as plain PCM/float, MATLAB and most recorders
/// as EXTENSIBLE, so any channel count may come with any of the three tags.
struct WAVFormatChunk: Sendable, Hashable {
    let channelCount: Int
    let sampleRate: Double
    /// Bytes per frame; the samples are `blockAlign / channelCount` bytes wide (the container).
    let blockAlign: Int
    let encoding: SampleEncoding

    /// The 12 bytes after the sub-format tag in the GUID `{0000000X-0000-0010-8000-00AA00389B71}`.
    private static let guidTail: [UInt8] = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// Format tags seen in the wild that we refuse, so the error can name them.
    private static let knownTags: [UInt16: String] = [
        0x0002: "Microsoft ADPCM", 0x0006: "A-law", 0x0007: "µ-law", 0x0011: "IMA ADPCM", 0x0050: "MPEG", 0x0055: "MPEG Layer 3",
        0x00FF: "AAC", 0x1610: "HE-AAC", 0xF1AC: "FLAC",
    ]

    /// - Parameter offset: where the chunk's payload starts in the file, for error offsets.
    init(_ view: ByteView, file: RecordingFile, offset: Int64) throws(RecordingError) {
        guard view.count >= 16, let tag = view.u16(0), let channels = view.u16(2), let rate = view.u32(4), let block = view.u16(12),
            let bits = view.u16(14)
        else { throw file.error("the fmt chunk is \(view.count) bytes; a WAV fmt chunk needs at least 16", at: offset) }
        var formatTag = tag
        if tag == 0xFFFE {
            guard view.count >= 40, let subformat = view.u32(24) else {
                throw file.error("the WAVE_FORMAT_EXTENSIBLE fmt chunk is \(view.count) bytes; it needs 40", at: offset)
            }
            guard Array(view.bytes[28..<40]) == Self.guidTail, subformat <= 0xFFFF else {
                throw file.error("the WAVE_FORMAT_EXTENSIBLE sub-format GUID is not a standard audio sub-format", at: offset + 24)
            }
            formatTag = UInt16(subformat)
        }
        guard channels >= 1 else { throw file.error("the fmt chunk declares 0 channels", at: offset + 2) }
        guard rate >= 1 else { throw file.error("the fmt chunk declares a sample rate of 0", at: offset + 4) }
        guard block >= channels, block % channels == 0 else {
            throw file.error("block align \(block) does not hold \(channels) equal samples", at: offset + 12)
        }
        let width = Int(block / channels)
        guard bits >= 1, Int(bits) <= width * 8 else {
            throw file.error("\(bits) bits per sample do not fit the \(width)-byte sample container", at: offset + 14)
        }
        switch formatTag {
        case 1:
            guard (2...4).contains(width) else {
                let hint = width == 1 ? " (8-bit WAV is unsigned and not supported)" : ""
                throw file.error("PCM samples of \(width) bytes are not supported\(hint); use 16, 24 or 32 bits", at: offset + 12)
            }
            encoding = SampleEncoding(.signed, width: width)
        case 3:
            guard width == 4 || width == 8 else {
                throw file.error("IEEE float samples of \(width) bytes are not supported; use 32 or 64 bits", at: offset + 12)
            }
            encoding = SampleEncoding(.float, width: width)
        default:
            let name = Self.knownTags[formatTag].map { " (\($0))" } ?? ""
            throw file.error(
                "unsupported WAV format tag \(hexadecimal(formatTag, digits: 4))\(name); "
                    + "supported: PCM (1), IEEE float (3), EXTENSIBLE (0xFFFE) with PCM or float",
                at: offset
            )
        }
        channelCount = Int(channels)
        sampleRate = Double(rate)
        blockAlign = Int(block)
    }
}
