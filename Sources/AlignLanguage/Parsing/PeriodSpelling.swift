import AlignCore

/// Other ways people write a period, and the spelling align reads:
/// `2026Q3`, `Q3-2026`, `q3/2026` → `2026-Q3`; `H2 2026` written `H2-2026`
/// → `2026-H2`; `2026/07`, `07/2026`, `7-2026`, `Jul-2026`, `2026-07-15`
/// → `2026-07`. Only a spelling with one four-digit year and one clear
/// quarter, half or month gets a suggestion.
enum PeriodSpelling {
    /// The period `text` most likely means, written as align reads it; nil
    /// when it is not clear (`03/04/2026`) or `text` is not like a period.
    static func suggestion(for text: String) -> String? {
        let groups = Self.groups(text.uppercased())
        guard groups.count >= 2, groups.count <= 4 else { return nil }
        let years = groups.indices.filter { groups[$0].count == 4 && groups[$0].allSatisfy(\.isNumber) }
        guard years.count == 1, let year = Int(groups[years[0]]) else { return nil }
        var rest = groups
        rest.remove(at: years[0])
        let yearFirst = years[0] == 0
        let candidate: String?
        switch rest.count {
        case 1:
            candidate = month(rest[0]).map { Self.monthText(year, $0) }
        case 2 where (rest[0] == "Q" || rest[0] == "H") && rest[1].allSatisfy(\.isNumber):
            candidate = "\(year)-\(rest[0])\(Int(rest[1]) ?? 0)"
        case 2 where yearFirst:
            // 2026-07-15: a date, in its month.
            candidate = month(rest[0]).map { Self.monthText(year, $0) }
        case 2:
            // 15/07/2026 or 07/15/2026: a month only when the other cannot be one.
            let a = rest[0].allSatisfy(\.isNumber) ? Int(rest[0]) : nil
            let b = rest[1].allSatisfy(\.isNumber) ? Int(rest[1]) : nil
            if let a, let b, a > 12, (1...12).contains(b) {
                candidate = Self.monthText(year, b)
            } else if let a, let b, b > 12, (1...12).contains(a) {
                candidate = Self.monthText(year, a)
            } else {
                candidate = nil
            }
        default:
            candidate = nil
        }
        guard let candidate, candidate != text, Period(candidate) != nil else { return nil }
        return candidate
    }

    /// Runs of digits and runs of letters; anything else separates them.
    private static func groups(_ text: String) -> [String] {
        var groups: [String] = []
        var current = ""
        var digits = false
        for c in text {
            let isDigit = c.isASCII && c.isNumber
            let isLetter = c.isASCII && c.isLetter
            if (isDigit || isLetter) && !current.isEmpty && isDigit == digits {
                current.append(c)
                continue
            }
            if !current.isEmpty { groups.append(current) }
            current = isDigit || isLetter ? String(c) : ""
            digits = isDigit
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    private static let monthNames = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER",
        "DECEMBER",
    ]

    /// A month written as its number or its name (`7`, `07`, `Jul`, `July`).
    private static func month(_ group: String) -> Int? {
        if group.allSatisfy(\.isNumber) {
            guard let n = Int(group), (1...12).contains(n) else { return nil }
            return n
        }
        guard group.count >= 3, let i = monthNames.firstIndex(where: { $0.hasPrefix(group) }) else { return nil }
        return i + 1
    }

    private static func monthText(_ year: Int, _ month: Int) -> String {
        "\(year)-" + (month < 10 ? "0" : "") + String(month)
    }
}
