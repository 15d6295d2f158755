import Foundation

/// Exports as CRMs write them, made by the tests with totals known in advance.
enum Exports {
    /// One deal of a Salesforce opportunity report.
    struct Deal {
        var id: Int
        var account: String
        var stage: String
        var amount: Double
        var close: (year: Int, month: Int, day: Int)?
        var won: Bool
    }

    /// Deals over the first six months of 2026: in month m, m + 2 deals, the
    /// first m of them won for 1,000 × m each (a name with a comma among them),
    /// the others lost for 500; one deal still open has no close date.
    static func deals() -> [Deal] {
        var deals: [Deal] = []
        for month in 1...6 {
            for k in 0..<(month + 2) {
                let won = k < month
                deals.append(
                    Deal(
                        id: deals.count + 1, account: k == 0 ? "Acme, Inc" : "Account \(k)", stage: won ? "Closed Won" : "Closed Lost",
                        amount: won ? 1000 * Double(month) : 500, close: (2026, month, 1 + (k * 7) % 28), won: won))
            }
        }
        deals.append(Deal(id: deals.count + 1, account: "Open Co", stage: "Prospecting", amount: 9999, close: nil, won: false))
        return deals
    }

    /// A Salesforce opportunity report export: report labels as the header,
    /// US dates (7/15/2026, some with a time), "$1,234.00" amounts, CRLF line ends.
    static func salesforce(_ deals: [Deal]) -> String {
        var text = "\"Opportunity ID\",\"Account Name\",\"Stage\",\"Amount\",\"Close Date\",\"Won\"\r\n"
        for d in deals {
            let amount = String(format: "\"$%@\"", grouped(d.amount))
            let close = d.close.map { c in d.id % 3 == 0 ? "\(c.month)/\(c.day)/\(c.year) 10:20 AM" : "\(c.month)/\(c.day)/\(c.year)" } ?? ""
            text += "006\(d.id),\"\(d.account)\",\(d.stage),\(amount),\(close),\(d.won ? "true" : "false")\r\n"
        }
        return text
    }

    /// 1234.5 as "1,234.50".
    static func grouped(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        var whole = String(cents / 100)
        var parts: [String] = []
        while whole.count > 3 {
            parts.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        parts.insert(whole, at: 0)
        return parts.joined(separator: ",") + String(format: ".%02d", cents % 100)
    }

    /// A HubSpot contact export: a byte-order mark, the export's labels, ISO
    /// dates with a time. Each month of 2026 from January to June, 25 contacts
    /// become MQLs; 10 of them become SQLs: 2 in the same month, 5 a month
    /// later, 3 two months later (20%, 50%, 30% of a 40% conversion). The
    /// export is of late August: SQLs after it have not happened yet.
    static func hubspot() -> String {
        var text = "\u{FEFF}Record ID,Email,Lifecycle Stage,Create Date,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date\n"
        var id = 100
        for month in 1...6 {
            for k in 0..<25 {
                id += 1
                let mql = String(format: "2026-%02d-%02d 09:30", month, 3 + k % 10)
                let lag: Int? = k < 2 ? 0 : k < 7 ? 1 : k < 10 ? 2 : nil
                var sql = ""
                if let lag, month + lag <= 8 { sql = String(format: "2026-%02d-%02d 16:00", month + lag, 20) }
                let stage = sql.isEmpty ? "marketingqualifiedlead" : "salesqualifiedlead"
                text += "\(id),c\(id)@example.com,\(stage),2026-01-01 08:00,\(mql),\(sql)\n"
            }
        }
        text += "999,lead@example.com,lead,2026-03-01 08:00,,\n"
        return text
    }

    /// The folder of this test process's files, made on first use and
    /// removed when the process exits (a test of a million rows writes 7 MB).
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-sources-" + UUID().uuidString)
        atexit { try? FileManager.default.removeItem(at: Exports.folder) }
        return folder
    }()

    /// Writes `text` into a new folder inside `folder` (tests running side by
    /// side use the same names); its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let folder = Exports.folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
