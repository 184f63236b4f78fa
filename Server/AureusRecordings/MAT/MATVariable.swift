/// One `miMATRIX` variable: name, class, dimensions and, for numeric classes, where its real
/// part lies.
///
/// The real part is decoded by its own element type, not by the class: MATLAB stores a double
/// array whose values fit in a narrower integer as miUINT8/miINT16/... to save space.
struct MATVariable: Sendable {
    let name: String
    /// mxCLASS: cell 1, struct 2, object 3, char 4, sparse 5, double 6 ... uint64 15.
    let classID: UInt32
    let dimensions: [Int]
    let isComplex: Bool
    /// Elements in the array: the product of `dimensions`, checked for overflow.
    let elementCount: Int
    /// The real part of a numeric array; nil for cells, structs, chars, sparse and objects.
    let real: MATElement?
    let buffer: MATBuffer
    /// Where the matrix's tag starts in `buffer`, for errors about the variable as a whole.
    let tagOffset: Int

    static let numericClasses: ClosedRange<UInt32> = 6...15

    /// Parses the sub-elements of a matrix whose data spans `start..<end` of `buffer`.
    init(buffer: MATBuffer, tagOffset: Int, start: Int, end: Int) throws(RecordingError) {
        self.buffer = buffer
        self.tagOffset = tagOffset
        let flags = try buffer.element(at: start, end: end)
        guard flags.type == 6, flags.dataCount == 8, let word = buffer.view.u32(flags.dataStart) else {
            throw buffer.error("the array flags are not 8 bytes of miUINT32", at: start)
        }
        classID = word & 0xFF
        isComplex = word & 0x800 != 0

        let dims = try buffer.element(at: flags.next, end: end)
        guard dims.type == 5, dims.dataCount >= 8, dims.dataCount % 4 == 0 else {
            throw buffer.error("the dimensions are not two or more miINT32 values", at: flags.next)
        }
        var dimensions: [Int] = []
        var product = 1
        for index in 0..<dims.dataCount / 4 {
            guard let raw = buffer.view.u32(dims.dataStart + 4 * index), Int32(bitPattern: raw) >= 0 else {
                throw buffer.error("dimension \(index + 1) is negative", at: dims.dataStart + 4 * index)
            }
            let (next, overflow) = product.multipliedReportingOverflow(by: Int(raw))
            guard !overflow else { throw buffer.error("the dimensions multiply past any real array", at: dims.dataStart) }
            dimensions.append(Int(raw))
            product = next
        }
        self.dimensions = dimensions
        elementCount = product

        let nameElement = try buffer.element(at: dims.next, end: end)
        guard [1, 2, 16].contains(nameElement.type) else { throw buffer.error("the array name is not miINT8 text", at: dims.next) }
        name = String(decoding: buffer.view.bytes[nameElement.dataStart..<nameElement.dataEnd], as: UTF8.self)

        guard Self.numericClasses.contains(classID) else {
            real = nil
            return
        }
        let part = try buffer.element(at: nameElement.next, end: end)
        guard let encoding = part.encoding(bigEndian: buffer.view.bigEndian) else {
            throw buffer.error("the real part of '\(name)' has non-numeric data type \(part.type)", at: nameElement.next)
        }
        guard part.dataCount / encoding.width == elementCount, part.dataCount % encoding.width == 0 else {
            throw buffer.error(
                "the real part of '\(name)' holds \(part.dataCount) bytes of \(encoding.name); its dimensions need \(elementCount) values",
                at: nameElement.next
            )
        }
        real = part
    }

    /// A real numeric matrix with at least two elements whose dimensions past the second are 1.
    var isSignal: Bool {
        real != nil && !isComplex && elementCount > 1 && dimensions.dropFirst(2).allSatisfy { $0 == 1 }
    }

    /// The value of a real numeric 1×1 variable, as a Double; nil for anything else.
    var scalar: Double? {
        guard let real, !isComplex, elementCount == 1, let encoding = real.encoding(bigEndian: buffer.view.bigEndian) else { return nil }
        return encoding.value(in: buffer.view, at: real.dataStart)
    }
}
