/// An SMTP address, split at the last `@`, with the domain lower-cased for comparisons.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public var localPart: String
    public var domain: String

    /// Parses `local@domain`; nil when it is not a well-formed address.
    public init?(_ text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let local = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64, HostName(domain)?.isFullyQualified == true else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        guard local.allSatisfy({ allowed.contains($0) }), !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return nil }
        self.localPart = local
        self.domain = domain.lowercased()
    }

    public var description: String { "\(localPart)@\(domain)" }

    /// Whether the address is in `domain` itself (not a sub-domain of it).
    public func isIn(domain other: String) -> Bool { domain == other.lowercased() }
}

/// A DNS host name or a NetBIOS-style server name (labels of letters, digits and hyphens).
public struct HostName: Hashable, Sendable, CustomStringConvertible {
    public var text: String

    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= 253 else { return nil }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return nil }
        }
        self.text = text
    }

    /// At least two labels, the last not all digits.
    public var isFullyQualified: Bool {
        let labels = text.split(separator: ".")
        return labels.count >= 2 && !(labels.last?.allSatisfy(\.isNumber) ?? true)
    }

    /// Case-insensitive comparison key.
    public var key: String { text.lowercased() }

    public var description: String { text }
}

/// An IPv4 network in CIDR notation (Mimecast takes IPv4 source ranges).
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    public var address: UInt32
    public var prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix),
            parts[1].allSatisfy(\.isNumber), parts[1].count <= 2
        else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isNumber), let byte = UInt8(octet),
                octet.count == 1 || !octet.hasPrefix("0")
            else { return nil }
            value = value << 8 | UInt32(byte)
        }
        self.address = value
        self.prefixLength = prefix
    }

    /// Whether host bits are set (for example `10.0.0.1/8`), usually a typo for the network address.
    public var hasHostBits: Bool {
        let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefixLength))
        return address & ~mask != 0
    }

    public var description: String {
        "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)/\(prefixLength)"
    }
}

/// A duration written as `30s`, `5m`, `2h` or `1d`.
public struct PlanDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    public init?(_ text: String) {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0, text.first != "0",
            text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86400
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, product <= 366 * 86400 else { return nil }
        self.seconds = product
    }

    public static func < (lhs: PlanDuration, rhs: PlanDuration) -> Bool { lhs.seconds < rhs.seconds }

    /// The shortest exact spelling: `90m` stays `90m`, `3600s` becomes `1h`.
    public var description: String {
        if seconds % 86400 == 0 { return "\(seconds / 86400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}

/// An RFC 3339 date-time with an explicit offset, kept as seconds since the Unix epoch plus that offset.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var epochSeconds: Int
    public var offsetMinutes: Int

    public init(epochSeconds: Int, offsetMinutes: Int) {
        self.epochSeconds = epochSeconds
        self.offsetMinutes = offsetMinutes
    }

    /// Parses `2026-12-05T20:00:00+00:00` (or `Z`); an offset is required so the window is unambiguous.
    public init?(_ text: String) {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for c in chars[from..<from + count] {
                guard (48...57).contains(c) else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 20, let year = number(0, 4), chars[4] == 45, let month = number(5, 2), chars[7] == 45,
            let day = number(8, 2), chars[10] == 84 || chars[10] == 116 || chars[10] == 32, let hour = number(11, 2),
            chars[13] == 58, let minute = number(14, 2), chars[16] == 58, let second = number(17, 2)
        else { return nil }
        var index = 19
        if index < chars.count, chars[index] == 46 {
            index += 1
            let digits = index
            while index < chars.count, (48...57).contains(chars[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        guard index < chars.count else { return nil }
        var offset = 0
        if chars[index] == 90 || chars[index] == 122 {
            guard index + 1 == chars.count else { return nil }
        } else {
            guard chars[index] == 43 || chars[index] == 45, index + 6 == chars.count, let oh = number(index + 1, 2),
                chars[index + 3] == 58, let om = number(index + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * (chars[index] == 45 ? -1 : 1)
        }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.epochSeconds = days * 86400 + hour * 3600 + minute * 60 + second - offset * 60
        self.offsetMinutes = offset
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    /// Local (offset-adjusted) calendar fields: weekday 1 = Monday … 7 = Sunday.
    public var local: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let localSeconds = epochSeconds + offsetMinutes * 60
        let days = Int((Double(localSeconds) / 86400).rounded(.down))
        let secondsOfDay = localSeconds - days * 86400
        let (y, m, d) = Self.civilFromDays(days)
        let weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
        return (y, m, d, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60, weekday)
    }

    /// The same instant in UTC, for people: `2026-12-05 20:00 UTC` (seconds only when not zero).
    public var utcDescription: String {
        let utc = Timestamp(epochSeconds: epochSeconds, offsetMinutes: 0).local
        func pad(_ v: Int, _ n: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let seconds = utc.second == 0 ? "" : ":" + pad(utc.second)
        return "\(pad(utc.year, 4))-\(pad(utc.month))-\(pad(utc.day)) \(pad(utc.hour)):\(pad(utc.minute))\(seconds) UTC"
    }

    /// RFC 3339 in the timestamp's own offset, e.g. `2026-12-05T20:00:00+00:00`.
    public var description: String {
        let l = local
        func pad(_ v: Int, _ n: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        return "\(pad(l.year, 4))-\(pad(l.month))-\(pad(l.day))T\(pad(l.hour)):\(pad(l.minute)):\(pad(l.second))"
            + "\(sign)\(pad(off / 60)):\(pad(off % 60))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's civil-date algorithms.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
