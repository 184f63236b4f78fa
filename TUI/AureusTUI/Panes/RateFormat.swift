/// Short numbers for narrow columns: "0", "<0.1", "3.5", "42", "1.2k", "930k", "12M".
///
/// At most 4 characters below 1000 T, so rate columns ("1.2k/s", 6 wide) keep a fixed width
/// whatever the traffic. Below 10 one decimal shows slow sources ("0.3/s"); a trailing ".0"
/// is dropped.
public enum RateFormat {
    private static let units = ["", "k", "M", "G", "T"]

    /// `value` in compact form; zero, negative and NaN show as "0", +∞ as "∞".
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "0" }
        guard value > 0 else { return "0" }
        guard value >= 0.05 else { return "<0.1" }
        var scaled = value
        var unit = 0
        // Compare the rounded value, so 999.7 becomes "1k" rather than "1000".
        while unit < units.count - 1, scaled.rounded() >= 1000 {
            scaled /= 1000
            unit += 1
        }
        return digits(scaled) + units[unit]
    }

    /// "1.2k/s": a rate in events per second.
    public static func rate(_ perSecond: Double) -> String { compact(perSecond) + "/s" }

    /// A count (totals, rejections) in compact form.
    public static func count(_ value: Int64) -> String { compact(Double(value)) }

    /// One decimal below 10 (without a trailing ".0"), whole numbers above.
    private static func digits(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths < 100 {
            return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
        }
        return String(Int(value.rounded()))
    }
}

extension RateFormat {
    /// A sample value as sent: whole numbers plainly ("8042"), others to two decimals
    /// ("72.5", "0.13"), very large ones compact.
    public static func value(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "∞" : "-∞" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        if magnitude >= 1e12 { return sign + compact(magnitude) }
        let hundredths = Int64((magnitude * 100).rounded())
        let whole = String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction == 0 { return (hundredths == 0 ? "" : sign) + whole }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
        return sign + whole + "." + digits
    }
}
