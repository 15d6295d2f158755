@testable import AlignCore
import Testing

/// Everything a workspace holds, in a form tests can compare for equality.
struct Fingerprint: Equatable {
    var teams: [Team?]
    var terms: [Term?]
    var metrics: [Metric?]
    var goals: [Goal?]
    var links: [Link?]
    var values: [[Period: Double]]
    var valuesPerPeriod: [Period: Int]
    var formulaReaders: [Int32]
    var revenueChoice: MetricID?
    var notes: [Note]
    var names: [String]

    /// Slots left empty at the end (an entity created, then undone) are not
    /// state: their identifiers are simply never reused.
    static func trimmed<T>(_ slots: [T?]) -> [T?] {
        var list = slots
        while let last = list.last, last == nil { list.removeLast() }
        return list
    }

    init(_ ws: Workspace) {
        teams = Self.trimmed(ws.teams.slots)
        terms = Self.trimmed(ws.terms.slots)
        metrics = Self.trimmed(ws.metrics.slots)
        goals = Self.trimmed(ws.goals.slots)
        links = Self.trimmed(ws.links.slots)
        values = metrics.indices.map { ws.values(of: MetricID(Int32($0))) }
        valuesPerPeriod = ws.valuesPerPeriod
        // Slots past the last metric carry no readers; trailing zeros are not state.
        var readers = ws.formulaReaders
        while readers.last == 0 { readers.removeLast() }
        formulaReaders = readers
        revenueChoice = ws.revenueChoice
        notes = ws.notes
        // The name indexes must agree with the slots.
        names = ws.teams.names.map { "team \($0) \(ws.teams.id(named: $0)!)" }
            + ws.terms.names.map { "term \($0) \(ws.terms.id(named: $0)!)" }
            + ws.metrics.names.map { "metric \($0) \(ws.metrics.id(named: $0)!)" }
            + ws.goals.names.map { "goal \($0) \(ws.goals.id(named: $0)!)" }
    }
}

func period(_ text: String) -> Period { Period(text)! }

/// The reference scenario, built through the model's own operations.
func referenceWorkspace() throws -> Workspace {
    var ws = Workspace()
    let marketing = ws.defineTeam("marketing", horizon: .year, description: "Builds awareness").id
    let sales = ws.defineTeam("sales", horizon: .quarter).id
    ws.defineTerm("MQL", definition: "A lead above the threshold", by: marketing)
    ws.defineTerm("MQL", definition: "A lead with a booked meeting", by: sales)
    ws.defineTerm("SQL", definition: "Accepted by sales", by: sales)
    let leads = try ws.defineMetric("leads", owner: marketing, unit: "count").id
    let mqlRate = try ws.defineMetric("mql_rate", owner: marketing, unit: "ratio").id
    let mqls = try ws.defineMetric("mqls", owner: marketing, unit: "count", term: "MQL").id
    let sqlRate = try ws.defineMetric("sql_rate", owner: sales, unit: "ratio").id
    let sqls = try ws.defineMetric("sqls", owner: sales, unit: "count", term: "SQL").id
    let winRate = try ws.defineMetric("win_rate", owner: sales, unit: "ratio").id
    let dealSize = try ws.defineMetric("deal_size", owner: sales, unit: "USD").id
    let revenue = try ws.defineMetric("revenue", unit: "USD").id
    let brand = try ws.defineMetric("brand_awareness", owner: marketing, unit: "percent").id
    let nps = try ws.defineMetric("nps", owner: marketing, unit: "score").id
    try ws.setFormula(mqls, .binary(.multiply, .metric(leads), .metric(mqlRate)))
    try ws.setFormula(sqls, .binary(.multiply, .metric(mqls), .metric(sqlRate)))
    try ws.setFormula(revenue, .binary(.multiply, .binary(.multiply, .metric(sqls), .metric(winRate)), .metric(dealSize)))
    try ws.link(brand, leads, lag: Lag("2q"), why: "Awareness fills the funnel")
    let q3 = period("2026-Q3")
    ws.setValue(leads, q3, 4000)
    ws.setValue(mqlRate, q3, 0.25)
    ws.setValue(sqlRate, q3, 0.4)
    ws.setValue(winRate, q3, 0.25)
    ws.setValue(dealSize, q3, 20_000)
    ws.defineGoal(Goal(name: "q3_bookings", team: sales, metric: revenue, comparison: .atLeast, target: 2.5e6, period: q3))
    ws.defineGoal(Goal(name: "q3_mqls", team: marketing, metric: mqls, comparison: .atLeast, target: 900, period: q3))
    ws.defineGoal(Goal(name: "nps_up", team: marketing, metric: nps, comparison: .atLeast, target: 40, period: period("2026-Q4")))
    return ws
}

extension Workspace {
    /// The identifier of a metric that must exist.
    func metric(_ name: String) -> MetricID { metrics.id(named: name)! }
    /// The identifier of a team that must exist.
    func team(_ name: String) -> TeamID { teams.id(named: name)! }
}
