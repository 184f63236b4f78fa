import AureusProtocol

/// What the status bar shows about the link to the server.
public enum ConnectionState: Sendable, Hashable {
    case connecting(attempt: Int)
    /// Connected; the last measured round trip.
    case connected(roundTripMilliseconds: Double?)
    /// Waiting before the next attempt; `retryAt` is a monotonic instant in milliseconds.
    case waiting(reason: String, retryInMilliseconds: Int)
    /// The stored token was refused: the user has to log in again.
    case needsLogin(reason: String)
    /// The server speaks an incompatible protocol; no retry.
    case incompatible(reason: String)
}

/// Everything the client reports to the UI, in order.
public enum ClientEvent: Sendable {
    case state(ConnectionState)
    case hello(HelloResult)
    case event(topic: String, data: JSONValue)
}

/// A call failed on the client side before or without a server answer.
public struct ClientError: Error, Sendable, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
    public static let notConnected = ClientError("not connected to the server")
    public static let connectionLost = ClientError("the connection was lost before the server answered")
    public static let timedOut = ClientError("the server did not answer in time")
}
