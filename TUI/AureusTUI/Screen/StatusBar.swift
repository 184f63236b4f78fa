import AureusProtocol

/// The top line: app, server, user and role, any impaired server dependency ("▲ redis
/// degraded"), connection state with latency or reconnect countdown, and the clock. Left part
/// is cut first when the line is too narrow; the connection state and the clock always stay visible.
struct StatusBar {
    let model: AppModel

    func render(into canvas: inout Canvas, area: Rect) {
        let bar = Style(.statusBar, on: .statusBar)
        canvas.fill(area, style: bar)
        let who = model.user.map { user in " " + user + (model.role.map { " (\($0.rawValue))" } ?? "") } ?? " not logged in"
        let left = " aureus │ " + Sanitizer.clean(model.serverAddress) + " │" + who
        let dependencies = Self.impaired(model.serverStatus)
        let connection = model.connection.symbol + " " + model.connection.text + (model.isStale ? " · data stale" : "")
        let clock = Self.clock(model.now, utcOffsetSeconds: model.utcOffsetSeconds)
        let right = (dependencies.map { $0.text + "  " } ?? "") + connection + "  " + clock + " "
        let rightWidth = min(area.width, TextWidth.width(of: right))
        let rightX = area.maxX - rightWidth
        canvas.put(TextWidth.truncate(left, to: max(0, rightX - area.x - 1)), x: area.x, y: area.y, style: bar, clip: area)
        var connectionX = rightX
        if let dependencies {
            let end = canvas.put(dependencies.text, x: rightX, y: area.y, style: Style(dependencies.role, on: .statusBar, [.bold]), clip: area)
            connectionX = canvas.put("  ", x: end, y: area.y, style: bar, clip: area)
        }
        let connectionEnd = canvas.put(
            TextWidth.truncate(connection, to: max(0, area.maxX - connectionX)),
            x: connectionX,
            y: area.y,
            style: Style(model.connection.role, on: .statusBar, [.bold]),
            clip: area
        )
        canvas.put("  " + clock + " ", x: connectionEnd, y: area.y, style: bar, clip: area)
    }

    /// "▲ redis degraded · store down" for the dependencies that are not up, drawn as an error
    /// when one is down; nil when all are up (or unknown).
    static func impaired(_ status: ServerStatus?) -> (text: String, role: ThemeRole)? {
        guard let impaired = status?.impaired, !impaired.isEmpty else { return nil }
        let text = "▲ " + impaired.map { Sanitizer.clean($0.name) + " " + $0.state.rawValue }.joined(separator: " · ")
        return (text, impaired.contains { $0.state == .down } ? .error : .warn)
    }

    static func clock(_ time: Timestamp, utcOffsetSeconds: Int) -> String {
        let iso = time.adding(milliseconds: Int64(utcOffsetSeconds) * 1000).iso8601
        return String(iso.dropFirst(11).prefix(8))
    }
}
