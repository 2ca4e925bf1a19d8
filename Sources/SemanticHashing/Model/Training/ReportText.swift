/// Fixed-point and clock formatting for progress lines and reports (no locale, no Foundation formatters).
enum ReportText {
    /// `value` rounded to `digits` decimals, e.g. `decimal(3.14159, digits: 2) == "3.14"`.
    static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(Int(scaled - Double(whole) * scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
    }

    /// Seconds as minutes:seconds, e.g. `clock(75) == "1:15"`; "?" when unknown.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded())
        let remainder = total % 60
        return "\(total / 60):\(remainder < 10 ? "0" : "")\(remainder)"
    }
}
