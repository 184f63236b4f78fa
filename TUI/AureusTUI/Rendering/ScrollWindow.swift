/// The part of a list that fits on screen with the selected row visible: lists scroll only
/// when the selection would leave the bottom edge, the way less(1) and k9s behave.
enum ScrollWindow {
    /// The visible items with their index in `items` and their row offset from the top.
    static func rows<Item>(_ items: [Item], selected: Int, height: Int) -> [(index: Int, item: Item, offset: Int)] {
        guard height > 0 else { return [] }
        let top = max(0, selected - height + 1)
        return items.dropFirst(top).prefix(height).enumerated().map { offset, item in (top + offset, item, offset) }
    }
}
