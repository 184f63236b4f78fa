/// Bytes holding MAT-file data elements: the file itself, or one inflated `miCOMPRESSED` element.
///
/// Errors name a file offset: an index for the file itself, the compressed element's offset
/// (plus the index inside the inflated bytes, in the reason) for inflated data.
struct MATBuffer: Sendable {
    let view: ByteView
    let path: String
    /// nil for the file's own bytes; the file offset of the `miCOMPRESSED` tag otherwise.
    let compressedAt: Int64?

    func error(_ reason: String, at index: Int) -> RecordingError {
        guard let compressedAt else { return RecordingError(path: path, offset: Int64(index), reason: reason) }
        return RecordingError(path: path, offset: compressedAt, reason: "\(reason) (byte \(index) of the inflated variable)")
    }

    /// The data element whose tag starts at `offset`, which must end by `end`.
    ///
    /// A tag whose upper 16 bits are non-zero is a small element: type and size packed in four
    /// bytes, up to four data bytes in the next four.
    func element(at offset: Int, end: Int) throws(RecordingError) -> MATElement {
        guard offset >= 0, offset <= end - 8, end <= view.count, let first = view.u32(offset), let second = view.u32(offset + 4) else {
            throw error("the data ends inside a data element tag", at: offset)
        }
        if first >> 16 != 0 {
            let count = Int(first >> 16)
            guard count <= 4 else { throw error("a small data element claims \(count) bytes; at most 4 fit", at: offset) }
            return MATElement(type: first & 0xFFFF, dataStart: offset + 4, dataCount: count, next: offset + 8)
        }
        let count = Int(second)
        guard count <= end - offset - 8 else {
            throw error("a data element of type \(first) declares \(count) bytes; only \(end - offset - 8) remain", at: offset)
        }
        return MATElement(type: first, dataStart: offset + 8, dataCount: count, next: offset + 8 + (count + 7) / 8 * 8)
    }
}

/// One MAT data element located in a `MATBuffer`.
struct MATElement: Sendable, Hashable {
    /// The `mi*` data type: miINT8 1 ... miDOUBLE 9, miINT64 12, miUINT64 13, miMATRIX 14, miCOMPRESSED 15.
    let type: UInt32
    let dataStart: Int
    let dataCount: Int
    /// Where the next element's tag starts: data padded to 8 bytes (or 8 for a small element).
    let next: Int

    var dataEnd: Int { dataStart + dataCount }

    /// How samples of this type are stored; nil for non-numeric types.
    func encoding(bigEndian: Bool) -> SampleEncoding? {
        switch type {
        case 1: SampleEncoding(.signed, width: 1, bigEndian: bigEndian)
        case 2: SampleEncoding(.unsigned, width: 1, bigEndian: bigEndian)
        case 3: SampleEncoding(.signed, width: 2, bigEndian: bigEndian)
        case 4: SampleEncoding(.unsigned, width: 2, bigEndian: bigEndian)
        case 5: SampleEncoding(.signed, width: 4, bigEndian: bigEndian)
        case 6: SampleEncoding(.unsigned, width: 4, bigEndian: bigEndian)
        case 7: SampleEncoding(.float, width: 4, bigEndian: bigEndian)
        case 9: SampleEncoding(.float, width: 8, bigEndian: bigEndian)
        case 12: SampleEncoding(.signed, width: 8, bigEndian: bigEndian)
        case 13: SampleEncoding(.unsigned, width: 8, bigEndian: bigEndian)
        default: nil
        }
    }
}
