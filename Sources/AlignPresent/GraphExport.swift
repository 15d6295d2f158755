import AlignCore
import AlignLanguage
import AlignOutput

/// The workspace for other tools: the driver graph for Graphviz and Mermaid,
/// the whole workspace as JSON, the values as CSV.
public enum GraphExport {
    /// Graphviz: metrics grouped by owning team, formula edges solid, links dashed with their lag.
    public static func dot(_ ws: Workspace) -> String {
        func id(_ m: MetricID) -> String { JSON.string(ws.metrics[m].name) }
        var out = "digraph align {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        for (teamID, team) in ws.teams.all {
            let members = ws.metrics.all.filter { $0.entity.owner == teamID }
            guard !members.isEmpty else { continue }
            out += "  subgraph \(JSON.string("cluster_" + team.name)) {\n    label=\(JSON.string(team.name));\n"
            for (m, _) in members { out += "    \(id(m));\n" }
            out += "  }\n"
        }
        for (m, metric) in ws.metrics.all where metric.owner == nil { out += "  \(id(m));\n" }
        for (m, metric) in ws.metrics.all {
            for input in metric.formula?.inputs ?? [] { out += "  \(id(input)) -> \(id(m));\n" }
        }
        for (_, link) in ws.links.all {
            let label = link.lag.map { ", label=\(JSON.string($0.description))" } ?? ""
            out += "  \(id(link.from)) -> \(id(link.to)) [style=dashed\(label)];\n"
        }
        return out + "}\n"
    }

    /// Mermaid flowchart: the same picture for Markdown tools that draw Mermaid.
    public static func mermaid(_ ws: Workspace) -> String {
        func node(_ m: MetricID) -> String { "m\(m.slot)" }
        func label(_ text: String) -> String {
            "\"" + String(text.map { $0 == "\"" ? "'" : $0 }) + "\""
        }
        var out = "flowchart LR\n"
        for (teamID, team) in ws.teams.all {
            let members = ws.metrics.all.filter { $0.entity.owner == teamID }
            guard !members.isEmpty else { continue }
            out += "  subgraph t\(teamID.slot)[\(label(team.name))]\n"
            for (m, metric) in members { out += "    \(node(m))[\(label(metric.name))]\n" }
            out += "  end\n"
        }
        for (m, metric) in ws.metrics.all where metric.owner == nil { out += "  \(node(m))[\(label(metric.name))]\n" }
        for (m, metric) in ws.metrics.all {
            for input in metric.formula?.inputs ?? [] { out += "  \(node(input)) --> \(node(m))\n" }
        }
        for (_, link) in ws.links.all {
            if let lag = link.lag {
                out += "  \(node(link.from)) -. \(lag) .-> \(node(link.to))\n"
            } else {
                out += "  \(node(link.from)) -.-> \(node(link.to))\n"
            }
        }
        return out
    }

    /// The recorded values in the shape `import values` reads.
    public static func csv(_ ws: Workspace) -> String {
        csv(ws) { ws.valueList(of: $0) }
    }

    /// The plan values as CSV, as `import plan` reads them.
    public static func planCSV(_ ws: Workspace) -> String {
        csv(ws) { ws.planList(of: $0) }
    }

    /// Each metric's values of one kind, a row each: metric, period, value.
    private static func csv(_ ws: Workspace, _ list: (MetricID) -> [(period: Period, value: Double)]) -> String {
        var out = "metric,period,value\n"
        for (id, m) in ws.metrics.all {
            for (period, value) in list(id) {
                out += CSVRenderer().field(m.name) + ",\(period),\(ScriptPrinter.number(value))\n"
            }
        }
        return out
    }

    /// The whole workspace as one JSON object (shape in docs/JSON.md).
    public static func json(_ ws: Workspace) -> String {
        func opt(_ s: String?) -> String { s.map(JSON.string) ?? "null" }
        func teamName(_ t: TeamID?) -> String { opt(t.map { ws.teams[$0].name }) }
        let teams = ws.teams.all.map { _, t in
            JSON.object([("name", JSON.string(t.name)), ("horizon", opt(t.horizon?.rawValue)), ("description", opt(t.description))])
        }
        let terms = ws.terms.all.map { _, t in
            JSON.object([
                ("name", JSON.string(t.name)),
                ("definitions", "[" + t.definitions.map { JSON.object([("team", teamName($0.team)), ("text", JSON.string($0.text))]) }.joined(separator: ",") + "]"),
                ("synonyms", "[" + t.synonyms.map { JSON.object([("name", JSON.string($0.name)), ("team", teamName($0.team))]) }.joined(separator: ",") + "]"),
            ])
        }
        let metrics = ws.metrics.all.map { id, m in
            let values = ws.valueList(of: id).map { (key: $0.period.description, value: JSON.number($0.value)) }
            let plan = ws.planList(of: id).map { (key: $0.period.description, value: JSON.number($0.value)) }
            return JSON.object([
                ("name", JSON.string(m.name)), ("owner", teamName(m.owner)), ("unit", opt(m.unit)),
                ("term", opt(m.term.map { ws.terms[$0].name })), ("description", opt(m.description)),
                ("aggregation", JSON.string(ws.aggregation(of: id).rawValue)),
                ("formula", opt(m.formula.map { ScriptPrinter.formula($0, ws) })),
                ("values", JSON.object(values.map { ($0.key, $0.value) })),
                ("plan", JSON.object(plan.map { ($0.key, $0.value) })),
            ])
        }
        let links = ws.links.all.map { _, l in
            JSON.object([
                ("from", JSON.string(ws.metrics[l.from].name)), ("to", JSON.string(ws.metrics[l.to].name)),
                ("lag", opt(l.lag?.description)), ("weight", l.weight.map(JSON.number) ?? "null"), ("why", opt(l.why)),
            ])
        }
        let goals = ws.goals.all.map { _, g in
            JSON.object([
                ("name", JSON.string(g.name)), ("team", JSON.string(ws.teams[g.team].name)),
                ("metric", JSON.string(ws.metrics[g.metric].name)), ("comparison", JSON.string(g.comparison.rawValue)),
                ("target", JSON.number(g.target)), ("period", JSON.string(g.period.description)), ("why", opt(g.why)),
            ])
        }
        let notes = ws.notes.map { n in
            JSON.object([("kind", JSON.string(n.kind.rawValue)), ("text", JSON.string(n.text)), ("at", opt(n.time))])
        }
        let scenarios = ws.scenarios.map { scenario in
            JSON.object([
                ("name", JSON.string(scenario.name)),
                ("changes", JSON.string(ScriptPrinter.changes(scenario.items, ws))),
            ])
        }
        func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        return JSON.object([
            ("revenue", opt(ws.revenue.map { ws.metrics[$0].name })), ("teams", array(teams)), ("terms", array(terms)),
            ("metrics", array(metrics)), ("links", array(links)), ("goals", array(goals)), ("notes", array(notes)),
            ("actualsThrough", opt(ws.actualsCutoff?.description)), ("scenarios", array(scenarios)),
        ]) + "\n"
    }
}
