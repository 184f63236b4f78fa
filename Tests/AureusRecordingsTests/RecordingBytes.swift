/// Little builders for hand-made WAV and MAT files in the malformed-input tests.
enum RecordingBytes {
    static func le16(_ value: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }

    // MARK: WAV

    /// A RIFF chunk with its pad byte after an odd size.
    static func chunk(_ id: String, _ payload: [UInt8], size: Int? = nil) -> [UInt8] {
        Array(id.utf8) + le32(size ?? payload.count) + payload + (payload.count % 2 == 1 ? [0] : [])
    }

    static func fmt(tag: Int = 1, channels: Int = 2, rate: Int = 1000, bits: Int = 16, blockAlign: Int? = nil) -> [UInt8] {
        let block = blockAlign ?? channels * bits / 8
        return le16(tag) + le16(channels) + le32(rate) + le32(rate * block) + le16(block) + le16(bits)
    }

    static func riff(_ chunks: [UInt8], magic: String = "RIFF", form: String = "WAVE") -> [UInt8] {
        Array(magic.utf8) + le32(4 + chunks.count) + Array(form.utf8) + chunks
    }

    /// Two int16 channels of `frames` frames: 1, -1, 2, -2, ...
    static func pcm16(frames: Int) -> [UInt8] {
        (0..<frames).flatMap { le16($0 + 1) + le16(-($0 + 1)) }
    }

    // MARK: MAT level 5 (little-endian)

    static func matHeader(version: Int = 0x0100, endian: String = "IM", text: String = "MATLAB 5.0 MAT-file, Aureus test") -> [UInt8] {
        let padded = Array(text.utf8.prefix(116)) + [UInt8](repeating: 0x20, count: max(0, 116 - text.utf8.count))
        return padded + [UInt8](repeating: 0, count: 8) + le16(version) + Array(endian.utf8)
    }

    static func element(_ type: Int, _ payload: [UInt8]) -> [UInt8] {
        le32(type) + le32(payload.count) + payload + [UInt8](repeating: 0, count: (8 - payload.count % 8) % 8)
    }

    /// A miMATRIX of class `classID` with `dims` (miINT32) and a real part of type `type`.
    static func matrix(_ name: String, classID: Int = 6, dims: [Int], type: Int = 9, payload: [UInt8]) -> [UInt8] {
        let body =
            element(6, le32(classID) + le32(0)) + element(5, dims.flatMap { le32($0) }) + element(1, Array(name.utf8)) + element(type, payload)
        return le32(14) + le32(body.count) + body
    }

    static func doubles(_ values: [Double]) -> [UInt8] { values.flatMap { le64($0.bitPattern) } }
}
