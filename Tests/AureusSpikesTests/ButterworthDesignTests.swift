import Testing

@testable import AureusSpikes

/// Coefficients pinned to scipy 1.17.1. Each fixture's comment is the exact call that produced it
/// (`from scipy import signal`), printed with `repr(float(v))`.
@Suite("ButterworthDesign")
struct ButterworthDesignTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        let order: Int
        let low: Double
        let high: Double
        let sampleRate: Double
        /// Rows `[b0, b1, b2, a0, a1, a2]`, scipy's `sos` layout.
        let sos: [[Double]]
        var testDescription: String { "order \(order) \(low)-\(high) Hz @ \(sampleRate)" }
    }

    static let fixtures: [Fixture] = [
        // signal.butter(2, [300, 6000], btype='band', fs=30000, output='sos')
        Fixture(
            order: 2,
            low: 300,
            high: 6000,
            sampleRate: 30_000,
            sos: [
                [0.1906166000974976, 0.3812332001949952, 0.1906166000974976, 1.0, -0.42353116456830175, 0.2257098675420977],
                [1.0, -2.0, 1.0, 1.0, -1.9115512375082104, 0.9156533004832735],
            ]
        ),
        // signal.butter(2, [300, 6000], btype='band', fs=20000, output='sos')
        Fixture(
            order: 2,
            low: 300,
            high: 6000,
            sampleRate: 20_000,
            sos: [
                [0.3603809121563509, 0.7207618243127017, 0.3603809121563509, 1.0, 0.33742283896069586, 0.20937688102689966],
                [1.0, -2.0, 1.0, 1.0, -1.8669372695836959, 0.8758263199921895],
            ]
        ),
        // signal.butter(1, [300, 6000], btype='band', fs=30000, output='sos')
        Fixture(
            order: 1,
            low: 300,
            high: 6000,
            sampleRate: 30_000,
            sos: [[0.4046198988907166, 0.0, -0.4046198988907166, 1.0, -1.1375979216362906, 0.19076020221856674]]
        ),
        // signal.butter(3, [300, 6000], btype='band', fs=30000, output='sos')
        Fixture(
            order: 3,
            low: 300,
            high: 6000,
            sampleRate: 30_000,
            sos: [
                [0.08726583097233712, 0.17453166194467423, 0.08726583097233712, 1.0, -0.45286046609779973, 0.38778776395636494],
                [1.0, 0.0, -1.0, 1.0, -1.1375979216362906, 0.19076020221856674],
                [1.0, -2.0, 1.0, 1.0, -1.9380068640496964, 0.9419891448775694],
            ]
        ),
        // signal.butter(4, [500, 5000], btype='band', fs=24000, output='sos')
        Fixture(
            order: 4,
            low: 500,
            high: 5000,
            sampleRate: 24_000,
            sos: [
                [0.0379730414194767, 0.0759460828389534, 0.0379730414194767, 1.0, -0.4406120166572606, 0.10370513514649267],
                [1.0, 2.0, 1.0, 1.0, -0.4202708833822012, 0.5210997108615266],
                [1.0, -2.0, 1.0, 1.0, -1.7412215794204895, 0.7618578718176798],
                [1.0, -2.0, 1.0, 1.0, -1.8994861601878006, 0.9165083766462285],
            ]
        ),
    ]

    @Test(arguments: fixtures)
    func sectionsMatchScipy(_ fixture: Fixture) throws {
        let design = try ButterworthDesign(
            sampleRate: fixture.sampleRate,
            lowCutoff: fixture.low,
            highCutoff: fixture.high,
            order: fixture.order
        )
        try #require(design.sections.count == fixture.sos.count)
        for (section, row) in zip(design.sections, fixture.sos) {
            let ours = [section.b0, section.b1, section.b2, 1, section.a1, section.a2]
            for (a, b) in zip(ours, row) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(ours) vs scipy \(row)")
            }
        }
    }

    @Test func defaultsAreThe300To6000HzOrder2Band() throws {
        let design = try ButterworthDesign(sampleRate: 30_000)
        #expect(design.lowCutoff == 300 && design.highCutoff == 6000 && design.order == 2)
        #expect(design.sections.count == 2)
        // Butterworth: −3 dB at both band edges, ~unity in the middle.
        #expect(abs(design.magnitude(at: 300) - 0.5.squareRoot()) < 1e-9)
        #expect(abs(design.magnitude(at: 6000) - 0.5.squareRoot()) < 1e-9)
        #expect(abs(design.magnitude(at: 1342) - 1) < 0.01)
    }

    @Test func impulseResponseMatchesScipySosfilt() throws {
        // x = np.zeros(12); x[0] = 1
        // signal.sosfilt(signal.butter(2, [300, 6000], btype='band', fs=30000, output='sos'), x)
        let expected: [Float] = [
            0.1906166000974976, 0.4451054684313226, 0.28623849013102814, -0.04382933275763039, -0.1449060553490522,
            -0.11034412967936857, -0.07002129573181, -0.05788596842488129, -0.05901234690281282, -0.05942607678665563,
            -0.0565862126873955, -0.05257855677849629,
        ]
        var filter = BiquadCascade(sections: try ButterworthDesign(sampleRate: 30_000).sections, channels: 1)
        var x = [Float](repeating: 0, count: 12)
        x[0] = 1
        filter.processInPlace(&x)
        for (a, b) in zip(x, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test(arguments: [(0.0, 300.0, 6000.0, 2), (30_000, 6000, 300, 2), (30_000, 300, 15_000, 2), (30_000, 300, 6000, 0)])
    func rejectsInvalidConfigurations(_ rate: Double, _ low: Double, _ high: Double, _ order: Int) {
        #expect(throws: SpikeDSPError.self) { try ButterworthDesign(sampleRate: rate, lowCutoff: low, highCutoff: high, order: order) }
    }
}
