/// A one-row graph in braille, two samples per cell (btop's and nvitop's scheme), for the
/// rates pane (and the GPU pane once it has a data source).
///
/// Each braille cell is a 2×4 dot matrix; the left column shows sample `2i`, the right one
/// sample `2i + 1`, each as a bar of 0–4 dots from the bottom. Missing samples (nil) are gaps.
public enum Sparkline {
    /// Dot bits for a left-column bar of height 1...4 (bottom up) and the right column likewise.
    private static let leftBits: [UInt32] = [0, 0x40, 0x44, 0x46, 0x47]
    private static let rightBits: [UInt32] = [0, 0x80, 0xA0, 0xB0, 0xB8]

    /// Renders `samples` scaled so that `maximum` (default: the largest sample) fills the cell.
    /// Returns `(samples.count + 1) / 2` characters.
    public static func braille(_ samples: [Double?], maximum: Double? = nil) -> String {
        let top = maximum ?? samples.compactMap { $0 }.max() ?? 0
        func level(_ sample: Double?) -> Int {
            guard let sample, top > 0, sample > 0 else { return 0 }
            return min(4, max(1, Int((sample / top * 4).rounded(.up))))
        }
        var output = String.UnicodeScalarView()
        var index = 0
        while index < samples.count {
            let left = level(samples[index])
            let right = index + 1 < samples.count ? level(samples[index + 1]) : 0
            let scalar = Unicode.Scalar(0x2800 + (leftBits[left] | rightBits[right]))!
            output.append(scalar)
            index += 2
        }
        return String(output)
    }

    /// Block-element fallback (`▁▂▃▄▅▆▇█`), one sample per cell, for fonts without braille.
    public static func blocks(_ samples: [Double?], maximum: Double? = nil) -> String {
        let glyphs: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = maximum ?? samples.compactMap { $0 }.max() ?? 0
        return String(
            samples.map { sample -> Character in
                guard let sample, top > 0, sample > 0 else { return " " }
                return glyphs[min(8, max(1, Int((sample / top * 8).rounded(.up))))]
            }
        )
    }
}
