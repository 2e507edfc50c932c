import Foundation

/// Times as the run tells them to the operator: UTC, the machine's local time, and how far from now.
enum RunTimeText {
    /// `2026-12-05 21:00 UTC (22:00 CET local, 1h 5m from now)`; `ago` for a time already past.
    static func moment(_ epoch: Int, now: Int, zone: TimeZone = .current) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(epoch))
        let utc = format(date, "yyyy-MM-dd HH:mm", TimeZone(identifier: "UTC")!)
        let sameDay = format(date, "yyyy-MM-dd", zone) == format(date, "yyyy-MM-dd", TimeZone(identifier: "UTC")!)
        let local = format(date, sameDay ? "HH:mm zzz" : "yyyy-MM-dd HH:mm zzz", zone)
        let distance = epoch - now
        let relative = distance >= 0 ? "\(span(distance)) from now" : "\(span(-distance)) ago"
        return "\(utc) UTC (\(local) local, \(relative))"
    }

    /// `1h 5m`, `2d 3h`, `45s`: the two largest units, no zero parts.
    static func span(_ seconds: Int) -> String {
        if seconds <= 0 { return "0s" }
        let units = [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)]
        var left = seconds
        var parts: [String] = []
        for (name, size) in units where left >= size && parts.count < 2 {
            parts.append("\(left / size)\(name)")
            left %= size
        }
        return parts.joined(separator: " ")
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
