import AureusCompression

/// A MAT-file Level 5 read whole: the 128-byte header, then every top-level variable.
///
/// `miCOMPRESSED` elements (MATLAB's default since v7, scipy's `do_compression=True`) are zlib
/// streams holding one `miMATRIX`; they are inflated here, within one budget for the whole file.
/// v7.3 files are HDF5 and are refused with a message that says so.
struct MATFile: Sendable {
    let variables: [MATVariable]

    /// MAT files are loaded whole; past this the reader refuses rather than exhaust memory.
    static let maximumBytes = 2 << 30

    init(path: String, bytes: [UInt8]) throws(RecordingError) {
        guard bytes.count >= 128 else {
            throw RecordingError(
                path: path,
                offset: Int64(bytes.count),
                reason: "the file is too short for a MAT-file header (\(bytes.count) of 128 bytes)"
            )
        }
        if bytes.starts(with: Array("MATLAB 7.3".utf8)) {
            throw RecordingError(path: path, offset: 0, reason: "MATLAB v7.3 files are HDF5, not MAT level 5; save with -v7 or scipy.io.savemat")
        }
        let bigEndian: Bool
        switch (bytes[126], bytes[127]) {
        case (UInt8(ascii: "I"), UInt8(ascii: "M")): bigEndian = false
        case (UInt8(ascii: "M"), UInt8(ascii: "I")): bigEndian = true
        default:
            throw RecordingError(path: path, offset: 126, reason: "the endian indicator is not 'IM' or 'MI': not a MAT level 5 file")
        }
        let file = MATBuffer(view: ByteView(bytes, bigEndian: bigEndian), path: path, compressedAt: nil)
        guard let version = file.view.u16(124), version == 0x0100 else {
            throw file.error("the MAT version is \(hexadecimal(file.view.u16(124) ?? 0, digits: 4)), not 0x0100 (level 5)", at: 124)
        }

        var variables: [MATVariable] = []
        var budget = Self.maximumBytes - bytes.count
        var offset = 128
        while offset < bytes.count {
            let element = try file.element(at: offset, end: bytes.count)
            switch element.type {
            case 14:
                variables.append(try MATVariable(buffer: file, tagOffset: offset, start: element.dataStart, end: element.dataEnd))
            case 15:
                let inflated = try Self.inflate(file, element, at: offset, budget: budget)
                budget -= inflated.view.count
                let matrix = try inflated.element(at: 0, end: inflated.view.count)
                guard matrix.type == 14 else { throw file.error("a compressed element holds data type \(matrix.type), not a matrix", at: offset) }
                variables.append(try MATVariable(buffer: inflated, tagOffset: 0, start: matrix.dataStart, end: matrix.dataEnd))
            default:
                break  // other top-level elements carry no variables we read
            }
            // Compressed elements are not padded (scipy and MATLAB both go straight to the next tag).
            offset = element.type == 15 ? element.dataEnd : element.next
        }
        self.variables = variables
    }

    private static func inflate(_ file: MATBuffer, _ element: MATElement, at offset: Int, budget: Int) throws(RecordingError) -> MATBuffer {
        do throws(DeflateError) {
            let stream = file.view.bytes[element.dataStart..<element.dataEnd]
            let (output, _) = try Deflate.inflate(stream, limit: max(0, budget))
            return MATBuffer(view: ByteView(output, bigEndian: file.view.bigEndian), path: file.path, compressedAt: Int64(offset))
        } catch {
            let reason =
                error.kind == .tooLarge
                ? "the compressed variable inflates past the \(maximumBytes >> 30) GiB limit for a MAT file"
                : "the compressed variable is damaged (\(error.message))"
            throw file.error(reason, at: offset)
        }
    }
}
