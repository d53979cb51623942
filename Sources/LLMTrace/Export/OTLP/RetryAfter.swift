internal import LLMTraceSupport

/// Parses `Retry-After`: delta-seconds, or an HTTP date (IMF-fixdate, RFC 850 or asctime).
enum RetryAfter {
    /// The wait it asks for; `nil` if unreadable. A date in the past means no wait.
    static func parse(_ value: String, nowUnixSeconds: Double) -> Duration? {
        let trimmed = value.trimmingOWS()
        if let seconds = Int(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        guard let date = httpDate(String(trimmed)) else { return nil }
        // Dates are years 1 to 9999, so the wait fits an Int64 of milliseconds; clamped anyway.
        let milliseconds = min(max(0, (date - nowUnixSeconds) * 1000), 9e18)
        return .milliseconds(Int64(milliseconds.isFinite ? milliseconds : 0))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Unix seconds of an HTTP date. The three forms share their tokens: a month name, a day, a
    /// year and a time, in different orders, so reading tokens by shape covers all of them.
    static func httpDate(_ text: String) -> Double? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        var day: Int?, month: Int?, year: Int?, hms: [Int]?
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3 else { return nil }
                hms = parts
            } else if let index = months.firstIndex(of: token.lowercased()) {
                month = index + 1
            } else if let number = Int(token) {
                if token.count <= 2 && day == nil {
                    day = number
                } else {
                    year = token.count == 2 ? (number < 70 ? 2000 + number : 1900 + number) : number
                }
            }
        }
        // Years past four digits are no HTTP date (and would overflow the day count: the
        // fuzzer found that a receiver's `Retry-After` could crash the app that way).
        guard let day, let month, let year, let hms, (1...31).contains(day), (1...9999).contains(year),
              hms[0] < 24, hms[1] < 60, hms[2] < 61 else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86400
            + Double(hms[0] * 3600 + hms[1] * 60 + hms[2])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
