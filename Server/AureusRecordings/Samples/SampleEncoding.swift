/// How one stored sample is laid out: signed, unsigned or float, its width in bytes and byte order.
///
/// One decoder serves every format: WAV and raw files decode contiguous interleaved runs, MAT
/// matrices stored samples × channels decode one strided run per channel.
struct SampleEncoding: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case signed
        case unsigned
        case float
    }

    let kind: Kind
    /// Bytes per sample: 1, 2, 3 (signed only: packed int24), 4 or 8 (floats: 4 or 8).
    let width: Int
    let bigEndian: Bool

    init(_ kind: Kind, width: Int, bigEndian: Bool = false) {
        self.kind = kind
        self.width = width
        self.bigEndian = bigEndian
    }

    /// "int16", "uint8", "int24", "float32", ... as `RecordingFormat.encoding` reports it.
    var name: String {
        switch kind {
        case .signed: "int\(width * 8)"
        case .unsigned: "uint\(width * 8)"
        case .float: "float\(width * 8)"
        }
    }

    /// One sample at `offset` of `view` as a Double (for scalars such as a sample rate); nil
    /// when it does not fit. `view` must be in this encoding's byte order.
    func value(in view: ByteView, at offset: Int) -> Double? {
        switch (kind, width) {
        case (.signed, 1): view.u8(offset).map { Double(Int8(bitPattern: $0)) }
        case (.signed, 2): view.u16(offset).map { Double(Int16(bitPattern: $0)) }
        case (.signed, 4): view.u32(offset).map { Double(Int32(bitPattern: $0)) }
        case (.signed, 8): view.u64(offset).map { Double(Int64(bitPattern: $0)) }
        case (.unsigned, 1): view.u8(offset).map { Double($0) }
        case (.unsigned, 2): view.u16(offset).map { Double($0) }
        case (.unsigned, 4): view.u32(offset).map { Double($0) }
        case (.unsigned, 8): view.u64(offset).map { Double($0) }
        case (.float, 4): view.u32(offset).map { Double(Float(bitPattern: $0)) }
        case (.float, 8): view.u64(offset).map { Double(bitPattern: $0) }
        default: nil
        }
    }

    /// Converts `count` samples starting at sample index `first` of `source`, multiplied by
    /// `scale`, into `destination` at `start`, `start + stride`, ...
    ///
    /// - Important: the caller guarantees `(first + count) * width <= source.count` and that
    ///   every destination index is in bounds.
    func decode(
        _ source: UnsafeRawBufferPointer,
        first: Int,
        count: Int,
        scale: Double,
        into destination: UnsafeMutableBufferPointer<Float>,
        start: Int,
        stride: Int
    ) {
        let run = Run(source: source, first: first, count: count, scale: scale, destination: destination, start: start, stride: stride)
        switch (kind, width) {
        case (.signed, 1): run.integers(Int8.self, bigEndian: bigEndian)
        case (.signed, 2): run.integers(Int16.self, bigEndian: bigEndian)
        case (.signed, 3): run.int24(bigEndian: bigEndian)
        case (.signed, 4): run.integers(Int32.self, bigEndian: bigEndian)
        case (.signed, 8): run.integers(Int64.self, bigEndian: bigEndian)
        case (.unsigned, 1): run.integers(UInt8.self, bigEndian: bigEndian)
        case (.unsigned, 2): run.integers(UInt16.self, bigEndian: bigEndian)
        case (.unsigned, 4): run.integers(UInt32.self, bigEndian: bigEndian)
        case (.unsigned, 8): run.integers(UInt64.self, bigEndian: bigEndian)
        case (.float, 4): run.floats(bigEndian: bigEndian)
        case (.float, 8): run.doubles(bigEndian: bigEndian)
        default: break  // the parsers only build the encodings above
        }
    }
}

/// One call's worth of decoding; the loops are specialised per type so the switch runs once.
private struct Run {
    let source: UnsafeRawBufferPointer
    let first: Int
    let count: Int
    let scale: Double
    let destination: UnsafeMutableBufferPointer<Float>
    let start: Int
    let stride: Int

    func integers<T: FixedWidthInteger>(_: T.Type, bigEndian: Bool) {
        let width = MemoryLayout<T>.size
        for index in 0..<count {
            let stored = source.loadUnaligned(fromByteOffset: (first + index) * width, as: T.self)
            let value = bigEndian ? T(bigEndian: stored) : T(littleEndian: stored)
            destination[start + index * stride] = Float(Double(value) * scale)
        }
    }

    func int24(bigEndian: Bool) {
        for index in 0..<count {
            let offset = (first + index) * 3
            let b0 = Int32(source[offset])
            let b1 = Int32(source[offset + 1])
            let b2 = Int32(source[offset + 2])
            let unsigned = bigEndian ? (b0 << 16 | b1 << 8 | b2) : (b2 << 16 | b1 << 8 | b0)
            // Shift the sign bit of the 24-bit value into bit 31 and back to sign-extend.
            let value = (unsigned << 8) >> 8
            destination[start + index * stride] = Float(Double(value) * scale)
        }
    }

    func floats(bigEndian: Bool) {
        for index in 0..<count {
            let stored = source.loadUnaligned(fromByteOffset: (first + index) * 4, as: UInt32.self)
            let value = Float(bitPattern: bigEndian ? UInt32(bigEndian: stored) : UInt32(littleEndian: stored))
            destination[start + index * stride] = scale == 1 ? value : Float(Double(value) * scale)
        }
    }

    func doubles(bigEndian: Bool) {
        for index in 0..<count {
            let stored = source.loadUnaligned(fromByteOffset: (first + index) * 8, as: UInt64.self)
            let value = Double(bitPattern: bigEndian ? UInt64(bigEndian: stored) : UInt64(littleEndian: stored))
            destination[start + index * stride] = Float(value * scale)
        }
    }
}
