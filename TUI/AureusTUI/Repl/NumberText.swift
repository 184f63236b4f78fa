/// Numbers as the REPL footer writes them, without Foundation's locale-dependent formatter
/// (the same input must give the same screen everywhere, tests included).
public enum NumberText {
    /// "10,000", "-1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(digit)
        }
        return (value < 0 ? "-" : "") + output
    }

    /// "12.3 ms", "0.4 ms", and whole milliseconds from 100 up ("153 ms").
    public static func milliseconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "? ms" }
        if value >= 100 { return "\(Int(value.rounded())) ms" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }
}
