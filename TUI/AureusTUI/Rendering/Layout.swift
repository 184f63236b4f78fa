/// Splits rects into rows and columns; pure functions so every size can be tested.
public enum Layout {
    /// How much of the split a part gets.
    public enum Part: Hashable, Sendable {
        /// Exactly this many cells (less if the total runs out).
        case fixed(Int)
        /// A share of what is left after fixed parts, by weight.
        case weight(Int)
    }

    /// Splits `rect` into stacked rows.
    public static func rows(_ rect: Rect, _ parts: [Part]) -> [Rect] {
        let sizes = distribute(rect.height, parts)
        var y = rect.y
        return sizes.map { size in
            defer { y += size }
            return Rect(x: rect.x, y: y, width: rect.width, height: size)
        }
    }

    /// Splits `rect` into side-by-side columns.
    public static func columns(_ rect: Rect, _ parts: [Part]) -> [Rect] {
        let sizes = distribute(rect.width, parts)
        var x = rect.x
        return sizes.map { size in
            defer { x += size }
            return Rect(x: x, y: rect.y, width: size, height: rect.height)
        }
    }

    /// Hands out `total` cells: fixed parts first (in order), then weights; the rounding
    /// remainder goes to the earliest weighted parts so the sizes always sum to `total`
    /// whenever any weighted part exists.
    static func distribute(_ total: Int, _ parts: [Part]) -> [Int] {
        var remaining = max(0, total)
        var sizes = [Int](repeating: 0, count: parts.count)
        for (index, part) in parts.enumerated() {
            if case .fixed(let size) = part {
                sizes[index] = min(max(0, size), remaining)
                remaining -= sizes[index]
            }
        }
        let weights = parts.map { part -> Int in
            if case .weight(let weight) = part { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var handedOut = 0
        for index in parts.indices where weights[index] > 0 {
            sizes[index] = remaining * weights[index] / totalWeight
            handedOut += sizes[index]
        }
        var leftover = remaining - handedOut
        for index in parts.indices where weights[index] > 0 && leftover > 0 {
            sizes[index] += 1
            leftover -= 1
        }
        return sizes
    }
}
