/// Where the parts of the spikes pane go inside its frame: header line, channel gutter,
/// raster, firing-rate column, snippet box, footer line. A pure function of the inside rect
/// and the channel count, shared by the renderer, the page size and the display budget so
/// the three always agree on how much raster there is.
public struct SpikesLayout: Hashable, Sendable {
    /// Snippet box size: 26 braille columns (52 dots) inside, up to 10 rows with its border.
    public static let snippetBoxWidth = 28
    public static let snippetBoxMaxHeight = 10
    /// Narrowest raster that is worth drawing, in cells.
    public static let minimumRasterWidth = 8

    public let header: Rect
    public let footer: Rect?
    /// Channel numbers and the selection marker, left of the raster.
    public let gutter: Rect
    public let raster: Rect
    /// One cell per row: the heat glyph of the row's fastest channel.
    public let rates: Rect
    public let snippets: Rect?

    /// - Parameters:
    ///   - inside: the pane's inside (its frame already drawn).
    ///   - channelCount: sets the gutter width (digits of the highest channel number).
    public init(inside: Rect, channelCount: Int) {
        header = inside.row(0)
        let hasFooter = inside.height >= 4
        footer = hasFooter ? inside.row(inside.height - 1) : nil
        let body = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1 - (hasFooter ? 1 : 0))
        let digits = String(max(0, channelCount - 1)).count
        gutter = Rect(x: body.x, y: body.y, width: min(body.width, digits + 2), height: body.height)
        let showsSnippets = body.height >= 6 && body.width >= gutter.width + Self.minimumRasterWidth + 2 + Self.snippetBoxWidth + 1
        snippets =
            showsSnippets
            ? Rect(
                x: body.maxX - Self.snippetBoxWidth,
                y: body.y,
                width: Self.snippetBoxWidth,
                height: min(Self.snippetBoxMaxHeight, body.height)
            ) : nil
        let right = showsSnippets ? body.maxX - Self.snippetBoxWidth - 1 : body.maxX
        // One blank column between raster and rate glyph keeps the heat apart from the dots.
        let rasterWidth = max(0, right - gutter.maxX - 2)
        raster = Rect(x: gutter.maxX, y: body.y, width: rasterWidth, height: rasterWidth > 0 ? body.height : 0)
        rates = Rect(x: raster.maxX + 1, y: body.y, width: rasterWidth > 0 ? 1 : 0, height: raster.height)
    }

    /// Channels on screen at once: four per raster row.
    public var visibleChannels: Int { raster.height * 4 }
    /// Time bins across: two per raster cell.
    public var dotColumns: Int { raster.width * 2 }
}
