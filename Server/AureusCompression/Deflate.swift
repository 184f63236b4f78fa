import CZlib

/// zlib-format (RFC 1950, deflate inside) compression: the only Swift code that touches zlib.
///
/// The store compresses webhook bodies with it: they are kept for audit and replay, and JSON
/// shrinks to roughly a fifth, so storing them compressed is cheaper than storing them plain.
/// The recording readers inflate MAT-file `miCOMPRESSED` elements with ``inflate(_:limit:)``. The store keeps the original size next to
/// the blob, which lets `decompress` allocate once and check that it got back exactly that many
/// bytes. Return codes become `DeflateError`; no pointer leaves this file.
///
/// ```swift
/// let packed = try Deflate.compress(body)
/// let body = try Deflate.decompress(packed, originalSize: body.count)
/// ```
public enum Deflate {
    /// `Z_BEST_SPEED`: ingest throughput matters more than the last few percent of size. On
    /// webhook JSON, level 1 took about two thirds of level 6's time for a 2 KB body and a
    /// quarter for 90 KB, for 2–5 % more bytes.
    public static let defaultLevel: Int32 = 1

    /// Deflate can expand at most 1032:1, so a stored size beyond that is corruption; checking it
    /// first keeps a damaged row from asking for a huge allocation.
    static let maximumRatio = 1032

    /// Compresses `bytes` into one zlib stream; an empty input gives a short valid stream.
    ///
    /// - Throws: `DeflateError` only when zlib fails (out of memory, invalid level).
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) throws(DeflateError) -> [UInt8] {
        try compress([bytes], level: level)[0]
    }

    /// Compresses each input into its own zlib stream, reusing one deflate state for all.
    ///
    /// Setting up deflate allocates and clears about 256 KiB, which costs several times more
    /// than compressing a 2 KB webhook body; a batch pays for it once and resets in between.
    ///
    /// - Throws: `DeflateError` when zlib fails or an input is 4 GiB or larger.
    public static func compress(_ inputs: [[UInt8]], level: Int32 = defaultLevel) throws(DeflateError) -> [[UInt8]] {
        // zlib keeps a pointer back to its z_stream and refuses one that moved, so the stream
        // lives in memory of its own rather than in a Swift variable.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let initialised = aureus_deflate_init(stream, level)
        guard initialised == Z_OK else { throw DeflateError(code: initialised, operation: "compress") }
        defer { deflateEnd(stream) }

        var outputs: [[UInt8]] = []
        outputs.reserveCapacity(inputs.count)
        for input in inputs {
            guard input.count < Int(UInt32.max) else { throw DeflateError(.other, "compress: an input of \(input.count) bytes is too large") }
            deflateReset(stream)
            let bound = Int(deflateBound(stream, uLong(input.count)))
            var rc = Z_OK
            let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                rc = input.withUnsafeBufferPointer { source in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                    stream.pointee.avail_in = uInt(source.count)
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(bound)
                    defer { stream.pointee.next_in = nil }
                    return deflate(stream, Z_FINISH)
                }
                count = rc == Z_STREAM_END ? Int(stream.pointee.total_out) : 0
            }
            // Z_OK here would mean the output bound was too small, which zlib promises cannot happen.
            guard rc == Z_STREAM_END else {
                throw rc == Z_OK ? DeflateError(.other, "compress: bound exceeded") : DeflateError(code: rc, operation: "compress")
            }
            outputs.append(output)
        }
        return outputs
    }

    /// Inflates one zlib stream that must hold exactly `originalSize` bytes and nothing after it.
    ///
    /// - Throws: `DeflateError(.corrupt)` for a damaged or truncated stream, trailing bytes, or a
    ///   size that does not match.
    public static func decompress(_ bytes: [UInt8], originalSize: Int) throws(DeflateError) -> [UInt8] {
        guard originalSize >= 0, originalSize / maximumRatio <= bytes.count else {
            throw DeflateError(.corrupt, "stored size \(originalSize) is impossible for \(bytes.count) compressed bytes")
        }
        var rc = Z_OK
        var consumed = 0
        let output = [UInt8](unsafeUninitializedCapacity: originalSize) { buffer, count in
            var length = uLong(originalSize)
            var sourceLength = uLong(bytes.count)
            rc = bytes.withUnsafeBufferPointer { input in
                uncompress2(buffer.baseAddress, &length, input.baseAddress, &sourceLength)
            }
            consumed = Int(sourceLength)
            count = rc == Z_OK ? Int(length) : 0
        }
        guard rc == Z_OK else { throw DeflateError(code: rc, operation: "decompress") }
        guard output.count == originalSize else {
            throw DeflateError(.corrupt, "inflated to \(output.count) bytes, expected \(originalSize)")
        }
        guard consumed == bytes.count else {
            throw DeflateError(.corrupt, "\(bytes.count - consumed) bytes follow the end of the stream")
        }
        return output
    }
}
