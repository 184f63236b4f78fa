internal import AureusProtocol

/// AUNS binary neural frames as devices stream them to the server: decode, convert the samples
/// to microvolts (what the server's source does next) and encode again.
public enum NeuralFrameHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        let bytes = Array(input.rest())
        guard let frame = try? NeuralStreamFrame.decode(bytes) else { return }
        var samples: [Float] = []
        frame.appendMicrovolts(to: &samples, microvoltsPerBit: 0.195)
        _ = frame.encoded()
    }
}
