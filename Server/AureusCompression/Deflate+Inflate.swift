import CZlib

extension Deflate {
    /// Size of each step of output while inflating a stream whose inflated size is not known.
    private static let inflateStep = 64 * 1024

    /// Inflates one zlib stream (RFC 1950) of unknown inflated size, stopping at its end.
    ///
    /// Use it where the format does not record the inflated size, as MAT-file `miCOMPRESSED`
    /// elements do not; where the size is known, ``decompress(_:originalSize:)`` allocates once.
    /// Bytes after the end of the stream are ignored: MATLAB pads some elements.
    ///
    /// - Parameters:
    ///   - bytes: the stream, starting at its two-byte zlib header.
    ///   - limit: the most bytes the caller will accept; a stream that inflates to more is
    ///     refused before its output is held, so a small hostile input cannot exhaust memory.
    /// - Returns: the inflated bytes and how many input bytes the stream occupied.
    /// - Throws: `DeflateError(.corrupt)` for a damaged or truncated stream,
    ///   `DeflateError(.tooLarge)` when the output would pass `limit`.
    public static func inflate(_ bytes: ArraySlice<UInt8>, limit: Int) throws(DeflateError) -> (output: [UInt8], consumed: Int) {
        guard bytes.count < Int(UInt32.max) else { throw DeflateError(.tooLarge, "inflate: an input of \(bytes.count) bytes is too large") }
        // Same reason as in compress: zlib refuses a z_stream that moved.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let initialised = aureus_inflate_init(stream)
        guard initialised == Z_OK else { throw DeflateError(code: initialised, operation: "inflate") }
        defer { inflateEnd(stream) }

        var output: [UInt8] = []
        var step = [UInt8](repeating: 0, count: inflateStep)
        var rc = Z_OK
        var overLimit = false
        bytes.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            defer { stream.pointee.next_in = nil }
            while rc == Z_OK {
                let produced = step.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    rc = CZlib.inflate(stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.pointee.avail_out)
                }
                guard output.count + produced <= limit else {
                    overLimit = true
                    return
                }
                output.append(contentsOf: step[0..<produced])
            }
        }
        if overLimit { throw DeflateError(.tooLarge, "inflate: the stream holds more than \(limit) bytes") }
        // With output space free, Z_BUF_ERROR means the input ran out before the stream's end.
        guard rc == Z_STREAM_END else {
            throw rc == Z_BUF_ERROR ? DeflateError(.corrupt, "inflate: the stream is truncated") : DeflateError(code: rc, operation: "inflate")
        }
        return (output, Int(stream.pointee.total_in))
    }
}
