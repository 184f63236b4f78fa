import CHiredis

/// Owns one hiredis `redisContext` and speaks its synchronous API; the only file importing CHiredis.
///
/// Every call blocks the calling thread, so callers run it on a `NIOThreadPool` thread
/// (``RedisConnection``) or on a dedicated thread (``RedisFanOut``'s subscriber).
///
/// - Important: Not thread-safe (hiredis contexts are not): exactly one owner uses it at a time.
///   After any error hiredis marks the context unusable, so owners drop it and open a new one.
final class HiredisContext {
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects, then sends `AUTH`, `SELECT` and `CLIENT SETNAME` as the configuration asks.
    static func open(_ configuration: RedisConfiguration) throws(RedisError) -> HiredisContext {
        let context = try HiredisContext(host: configuration.host, port: configuration.port, timeout: configuration.connectTimeout)
        try context.setTimeout(configuration.commandTimeout)
        do throws(RedisError) {
            if let password = configuration.password {
                let user = configuration.username.map { [Array($0.utf8)] } ?? []
                _ = try context.checked(context.command([Array("AUTH".utf8)] + user + [Array(password.utf8)]))
            }
            if configuration.database != 0 {
                _ = try context.checked(context.command([Array("SELECT".utf8), Array(String(configuration.database).utf8)]))
            }
            if let name = configuration.clientName {
                _ = try context.checked(context.command([Array("CLIENT".utf8), Array("SETNAME".utf8), Array(name.utf8)]))
            }
        } catch {
            context.close()
            throw RedisError(.connectionFailed, "setting up \(configuration): \(error.message)")
        }
        return context
    }

    private init(host: String, port: Int, timeout: Duration) throws(RedisError) {
        guard let context = redisConnectWithTimeout(host, Int32(clamping: port), Self.makeTimeval(timeout)) else {
            throw RedisError(.connectionFailed, "hiredis could not allocate a context")
        }
        if context.pointee.err != 0 {
            let message = Self.errorString(context)
            redisFree(context)
            throw RedisError(.connectionFailed, "connecting to \(host):\(port): \(message)")
        }
        self.context = context
    }

    deinit { close() }

    /// Frees the context and closes its socket; later calls throw ``RedisError/Code/connectionLost``.
    func close() {
        if let context {
            redisFree(context)
            self.context = nil
        }
    }

    /// The socket, so another thread can `shutdown(2)` it to wake a blocked read.
    var fileDescriptor: Int32? { context?.pointee.fd }

    /// Sends one command as an argv array with explicit lengths (binary-safe, no format strings)
    /// and waits for its reply. An error reply comes back as ``RedisValue/error(_:)``.
    func command(_ arguments: [[UInt8]]) throws(RedisError) -> RedisValue {
        try pipeline([arguments])[0]
    }

    /// Writes every command before reading any reply (one round trip for the lot), then reads
    /// the replies in order. Error replies stay ``RedisValue/error(_:)`` in their slot; an I/O
    /// failure throws, and the context must then be dropped.
    func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisValue] {
        guard let context else { throw RedisError(.connectionLost, "connection closed") }
        // Checked before anything is queued, so a refused command leaves no half-sent pipeline.
        guard !commands.isEmpty, commands.allSatisfy({ !$0.isEmpty && $0.count <= Int(Int32.max) }) else {
            throw RedisError(.invalidArgument, "empty command")
        }
        for arguments in commands {
            try append(arguments, to: context)
        }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var reply: UnsafeMutableRawPointer?
            guard redisGetReply(context, &reply) == REDIS_OK else { throw lostError() }
            replies.append(try consume(reply))
        }
        return replies
    }

    /// Queues one command in hiredis' output buffer; `redisGetReply` flushes it.
    private func append(_ arguments: [[UInt8]], to context: UnsafeMutablePointer<redisContext>) throws(RedisError) {
        // One contiguous buffer (plus a trailing NUL so no pointer is ever nil) and per-argument offsets.
        var buffer: [UInt8] = []
        var offsets: [Int] = []
        let lengths = arguments.map(\.count)
        buffer.reserveCapacity(lengths.reduce(1, +))
        for argument in arguments {
            offsets.append(buffer.count)
            buffer.append(contentsOf: argument)
        }
        buffer.append(0)
        let status = buffer.withUnsafeBytes { raw -> Int32 in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = offsets.map { UnsafePointer(base + $0) }
            return lengths.withUnsafeBufferPointer { lengths in
                redisAppendCommandArgv(context, Int32(arguments.count), &argv, lengths.baseAddress)
            }
        }
        guard status == REDIS_OK else { throw lostError() }
    }

    /// Blocks until the server pushes the next reply (pub/sub messages).
    func nextReply() throws(RedisError) -> RedisValue {
        guard let context else { throw RedisError(.connectionLost, "connection closed") }
        var reply: UnsafeMutableRawPointer?
        guard redisGetReply(context, &reply) == REDIS_OK else { throw lostError() }
        return try consume(reply)
    }

    private func setTimeout(_ timeout: Duration) throws(RedisError) {
        guard let context, redisSetTimeout(context, Self.makeTimeval(timeout)) == REDIS_OK else {
            throw RedisError(.connectionFailed, "could not set the socket timeout")
        }
    }

    /// Throws a top-level error reply; used where any error means the setup failed.
    private func checked(_ value: RedisValue) throws(RedisError) -> RedisValue {
        if case .error(let message) = value { throw RedisError(.errorReply, message) }
        return value
    }

    private func consume(_ reply: UnsafeMutableRawPointer?) throws(RedisError) -> RedisValue {
        guard let reply else { throw lostError() }
        defer { freeReplyObject(reply) }
        return Self.value(of: reply.assumingMemoryBound(to: redisReply.self))
    }

    private func lostError() -> RedisError {
        guard let context else { return RedisError(.connectionLost, "connection closed") }
        return RedisError(.connectionLost, Self.errorString(context))
    }

    private static func value(of reply: UnsafePointer<redisReply>) -> RedisValue {
        let reply = reply.pointee
        switch reply.type {
        case REDIS_REPLY_STRING: return .bulk(bytes(reply))
        case REDIS_REPLY_STATUS: return .status(String(decoding: bytes(reply), as: UTF8.self))
        case REDIS_REPLY_ERROR: return .error(String(decoding: bytes(reply), as: UTF8.self))
        case REDIS_REPLY_INTEGER: return .integer(Int64(reply.integer))
        case REDIS_REPLY_ARRAY:
            guard let elements = reply.element else { return .array([]) }
            return .array((0..<reply.elements).map { index in elements[index].map { value(of: $0) } ?? .null })
        default: return .null
        }
    }

    private static func bytes(_ reply: redisReply) -> [UInt8] {
        guard let text = reply.str, reply.len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: text, count: reply.len))
    }

    private static func errorString(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let message = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return message.isEmpty ? "hiredis error \(context.pointee.err)" : message
        }
    }

    private static func makeTimeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
