import AlignCore

/// Sources and actuals definitions, as the lines that make them again.
extension ScriptPrinter {
    /// `source NAME KIND "PLACE" [table=TABLE]`, for each source.
    static func sources(_ ws: Workspace, location: (DataSource) -> String) -> [String] {
        ws.sources.all.map { _, s in
            "source \(s.name) \(s.kind.rawValue) \(quoted(location(s)))" + (s.table.map { " table=\(word($0))" } ?? "")
        }
    }

    /// `actuals METRIC = ...`, for each metric whose actuals come from a source.
    static func actuals(_ ws: Workspace) -> [String] {
        ws.actualsList.map { actuals($0.definition, of: ws.metrics[$0.metric].name, ws) }
    }

    /// The line that defines where a metric's actuals come from.
    public static func actuals(_ d: ActualsDefinition, of metric: String, _ ws: Workspace) -> String {
        var line = "actuals \(metric) = " + pull(d, ws)
        if let grain = d.grain { line += " per=\(grain.word)" }
        return line
    }

    /// What follows `=`: `sum(Amount) from opps by CloseDate where Won = true`, or `sql wh "..."`.
    public static func pull(_ d: ActualsDefinition, _ ws: Workspace) -> String {
        let source = ws.sources[d.source].name
        switch d.pull {
        case .sql(let query):
            return "sql \(source) \(quoted(query))"
        case .rows(let aggregate, let date, let filters):
            let call: String
            switch aggregate {
            case .count: call = "count()"
            case .sum(let c): call = "sum(\(word(c)))"
            case .avg(let c): call = "avg(\(word(c)))"
            }
            return "\(call) from \(source) by \(word(date))" + conditions(filters)
        }
    }

    /// ` where COL = VALUE and ...`, or nothing.
    public static func conditions(_ filters: [ActualsDefinition.Filter]) -> String {
        guard !filters.isEmpty else { return "" }
        return " where " + filters.map { "\(word($0.column)) = \(value($0.value))" }.joined(separator: " and ")
    }

    /// A column as it must be written: bare when it is one word, else quoted.
    public static func column(_ name: String) -> String { word(name) }

    /// A condition's value: true, false, a number, a word or a string.
    static func value(_ v: ActualsDefinition.Filter.Value) -> String {
        switch v {
        case .boolean(let b): return b ? "true" : "false"
        case .number(let n): return number(n)
        case .text(let t):
            let lower = t.lowercased()
            return lower == "true" || lower == "false" ? quoted(t) : word(t)
        }
    }
}
