/// One binary WebSocket frame of a live neural stream (`neural.sources.start` with kind `live`).
///
/// A device sends samples as they arrive, in frames of any size, on the same `/v1/ws`
/// connection it authenticated. The layout is fixed and little-endian so a microcontroller
/// bridge can write it with `memcpy`:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `AUNS` |
/// | 4 | 1 | version, 1 |
/// | 5 | 1 | encoding: 1 = int16 (scaled by the source's µV per bit), 2 = float32 µV |
/// | 6 | 2 | `L`, byte length of the source id |
/// | 8 | 4 | channel count (must equal the source's) |
/// | 12 | 4 | frame count `F` (samples per channel in this message) |
/// | 16 | 8 | index of the first frame since the stream began (gaps allowed, never backwards) |
/// | 24 | L | source id, UTF-8 |
/// | 24+L | F × channels × 2 or 4 | samples, frame-major (all channels of frame 0, then frame 1, …) |
public struct NeuralStreamFrame: Sendable, Hashable {
    public enum Encoding: UInt8, Sendable, Hashable {
        case int16 = 1
        case float32 = 2

        public var bytesPerSample: Int { self == .int16 ? 2 : 4 }
    }

    public static let magic: [UInt8] = Array("AUNS".utf8)
    public static let version: UInt8 = 1
    public static let headerBytes = 24

    public var sourceID: String
    public var encoding: Encoding
    public var channelCount: Int
    public var frameCount: Int
    public var firstFrame: Int64
    /// The sample bytes as sent (little-endian, frame-major).
    public var payload: ArraySlice<UInt8>

    public init(sourceID: String, encoding: Encoding, channelCount: Int, frameCount: Int, firstFrame: Int64, payload: ArraySlice<UInt8>) {
        self.sourceID = sourceID
        self.encoding = encoding
        self.channelCount = channelCount
        self.frameCount = frameCount
        self.firstFrame = firstFrame
        self.payload = payload
    }

    /// Parses and checks a frame; every failure names the byte offset where it was found.
    public static func decode(_ bytes: [UInt8]) throws(NeuralStreamFrameError) -> NeuralStreamFrame {
        guard bytes.count >= headerBytes else {
            throw NeuralStreamFrameError(offset: bytes.count, reason: "frame is \(bytes.count) bytes; the header alone is \(headerBytes)")
        }
        guard Array(bytes[0..<4]) == magic else { throw NeuralStreamFrameError(offset: 0, reason: "magic is not 'AUNS'") }
        guard bytes[4] == version else { throw NeuralStreamFrameError(offset: 4, reason: "version \(bytes[4]) is not supported (expected 1)") }
        guard let encoding = Encoding(rawValue: bytes[5]) else {
            throw NeuralStreamFrameError(offset: 5, reason: "encoding \(bytes[5]) is unknown (1 = int16, 2 = float32)")
        }
        let idLength = Int(readLE(bytes, at: 6, size: 2))
        let channels = Int(readLE(bytes, at: 8, size: 4))
        let frames = Int(readLE(bytes, at: 12, size: 4))
        let first = readLE(bytes, at: 16, size: 8)
        guard channels > 0 else { throw NeuralStreamFrameError(offset: 8, reason: "channel count is 0") }
        guard first <= UInt64(Int64.max) else { throw NeuralStreamFrameError(offset: 16, reason: "first frame index is out of range") }
        let idEnd = headerBytes + idLength
        guard idLength > 0, idEnd <= bytes.count else {
            throw NeuralStreamFrameError(offset: 6, reason: "source id length \(idLength) does not fit the frame")
        }
        guard let sourceID = String(validating: bytes[headerBytes..<idEnd], as: UTF8.self) else {
            throw NeuralStreamFrameError(offset: headerBytes, reason: "source id is not UTF-8")
        }
        let (perFrame, overflow) = channels.multipliedReportingOverflow(by: encoding.bytesPerSample)
        let (expected, overflow2) = perFrame.multipliedReportingOverflow(by: frames)
        guard !overflow, !overflow2, expected == bytes.count - idEnd else {
            throw NeuralStreamFrameError(
                offset: idEnd,
                reason: "\(frames) frames × \(channels) channels × \(encoding.bytesPerSample) bytes need \(frames &* perFrame) bytes; "
                    + "the frame carries \(bytes.count - idEnd)"
            )
        }
        return NeuralStreamFrame(
            sourceID: sourceID,
            encoding: encoding,
            channelCount: channels,
            frameCount: frames,
            firstFrame: Int64(first),
            payload: bytes[idEnd...]
        )
    }

    /// The wire bytes (for devices written in Swift, the bench and tests).
    public func encoded() -> [UInt8] {
        let id = Array(sourceID.utf8)
        var bytes = Self.magic
        bytes.reserveCapacity(Self.headerBytes + id.count + payload.count)
        bytes.append(Self.version)
        bytes.append(encoding.rawValue)
        appendLE(&bytes, UInt64(id.count), size: 2)
        appendLE(&bytes, UInt64(channelCount), size: 4)
        appendLE(&bytes, UInt64(frameCount), size: 4)
        appendLE(&bytes, UInt64(firstFrame), size: 8)
        bytes += id
        bytes += payload
        return bytes
    }

    /// Appends the samples as µV (`int16` × `microvoltsPerBit`, `float32` as sent) to `out`.
    public func appendMicrovolts(to out: inout [Float], microvoltsPerBit: Float) {
        let count = frameCount * channelCount
        out.reserveCapacity(out.count + count)
        var offset = payload.startIndex
        switch encoding {
        case .int16:
            for _ in 0..<count {
                let raw = UInt16(payload[offset]) | UInt16(payload[offset + 1]) << 8
                out.append(Float(Int16(bitPattern: raw)) * microvoltsPerBit)
                offset += 2
            }
        case .float32:
            for _ in 0..<count {
                let raw =
                    UInt32(payload[offset]) | UInt32(payload[offset + 1]) << 8 | UInt32(payload[offset + 2]) << 16
                    | UInt32(payload[offset + 3]) << 24
                out.append(Float(bitPattern: raw))
                offset += 4
            }
        }
    }

    /// Builds a frame from µV samples (float32) or counts (int16, rounded and clamped).
    public static func make(sourceID: String, encoding: Encoding, channelCount: Int, firstFrame: Int64, samples: [Float]) -> NeuralStreamFrame {
        var payload: [UInt8] = []
        payload.reserveCapacity(samples.count * encoding.bytesPerSample)
        for sample in samples {
            switch encoding {
            case .int16:
                let clamped = Int16(max(-32768, min(32767, sample.rounded())))
                appendLE(&payload, UInt64(UInt16(bitPattern: clamped)), size: 2)
            case .float32: appendLE(&payload, UInt64(sample.bitPattern), size: 4)
            }
        }
        return NeuralStreamFrame(
            sourceID: sourceID,
            encoding: encoding,
            channelCount: channelCount,
            frameCount: samples.count / max(channelCount, 1),
            firstFrame: firstFrame,
            payload: payload[...]
        )
    }
}

/// Why a binary frame was refused, and where in it.
public struct NeuralStreamFrameError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) (at byte offset \(offset))" }
}

private func readLE(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<size { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    return value
}

private func appendLE(_ bytes: inout [UInt8], _ value: UInt64, size: Int) {
    for index in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
}
