import AureusProtocol

// Placeholder until the recording readers land: replaced by the reader-backed source.
extension NeuralService {
    func openRecording(at path: String, params: NeuralSourceStartParams) throws -> any SampleBlockSource {
        throw RPCError(.unavailable, reason: "recording files are not readable yet")
    }
}
