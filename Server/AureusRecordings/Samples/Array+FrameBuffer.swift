extension Array where Element == Float {
    /// Makes `count` exactly `newCount` without giving back capacity, so a caller's reused
    /// block buffer stops allocating after its first fill.
    mutating func resizeKeepingCapacity(to newCount: Int) {
        if count > newCount {
            removeLast(count - newCount)
        } else if count < newCount {
            append(contentsOf: repeatElement(0, count: newCount - count))
        }
    }
}
