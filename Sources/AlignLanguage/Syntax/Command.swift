import AlignCore

/// A name as written, with where it was written.
public struct Name: Equatable, Sendable, CustomStringConvertible {
    /// The name.
    public var text: String
    /// Where it is in the source.
    public var range: SourceRange

    /// Makes a name.
    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }

    public var description: String { text }
}

/// A file path as written.
public struct PathArgument: Equatable, Sendable {
    /// The path.
    public var path: String
    /// Where it is in the source.
    public var range: SourceRange

    /// Makes a path argument.
    public init(_ path: String, _ range: SourceRange) {
        self.path = path
        self.range = range
    }
}

/// How a what-if changes a metric: set, a share, an amount, points.
public typealias WhatIfChange = ValueChange

/// One change of a `whatif`, as written.
public struct WhatIfChangeSyntax: Equatable, Sendable {
    /// The metric changed.
    public var metric: Name
    /// How.
    public var change: ValueChange
    /// `in PERIOD`, `in FROM..TO` or `from PERIOD`; nil for the default period.
    public var scope: ScopeSyntax?

    /// Where a change applies, as written.
    public enum ScopeSyntax: Equatable, Sendable {
        case within(ClosedRange<Period>)
        case from(Period)
    }
}

/// What `show` lists.
public enum ShowList: String, Sendable, CaseIterable {
    case teams, terms, metrics, links, goals, values, notes, decisions, parked, votes, snapshots, scenarios, sources
}

/// The alignment queries.
public enum Query: Equatable, Sendable {
    case orphans
    case conflicts
    case handoffs
    case horizons
    case gaps(Period)
    case consistency(Period?)
    case path(from: Name, to: Name)
    case drivers(Name, Period?)
    /// Each goal due in the period: to date, forecast, on track or not.
    case pacing(Period)
    /// A metric's actual (or forecast) against plan, split into its drivers.
    /// In a period, or over a range of them (`2026-01..2026-09`).
    case variance(Name, ClosedRange<Period>?)
}

/// The formats `export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case markdown, html, dot, mermaid, json, csv
    /// The plan values as CSV, as `import plan` reads them: `export plan csv`.
    case planCSV = "plan csv"

    /// The formats named by one word after `export`.
    public static let words: [ExportFormat] = [.markdown, .html, .dot, .mermaid, .json, .csv]
}

/// The formats answers are printed in.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}

/// What `remove` removes.
public enum RemoveTarget: Equatable, Sendable {
    /// A named entity of a kind: team, term, metric, goal.
    case entity(EntityKind, Name)
    /// The link between two metrics.
    case link(from: Name, to: Name)
    /// One recorded value.
    case value(Name, Period)
    /// The nth note or decision.
    case note(Note.Kind, Int, SourceRange)
    /// One plan value.
    case plan(Name, Period)
    /// A kept scenario.
    case scenario(Name)
}

/// One parsed command, typed.
public enum Command: Equatable, Sendable {
    case team(Name, horizon: Horizon?, description: String?)
    case term(Name, definition: String?, by: Name?, aka: [Name])
    /// A metric's attributes, and with `= EXPR` on the same line, its formula.
    case metric(
        Name, owner: Name?, unit: String?, term: Name?, description: String?, aggregation: Aggregation?,
        formula: Expression?)
    case formula(Name, Expression)
    case link(from: Name, to: Name, lag: Lag?, weight: Double?, why: String?)
    case value(Name, Period, Double)
    /// A plan value: the budget of a metric in a period.
    case plan(Name, Period, Double)
    /// Where actuals end; nil: at the last recorded one.
    case actualsThrough(Period?)
    /// A metric today and under scenarios, side by side.
    case compare(Name, Name?, metric: Name, Period?)
    /// A scenario's changes written into the plan.
    case adopt(Name)
    case goal(
        Name, team: Name, metric: Name, comparison: Comparison, target: Double, period: Period, why: String?)
    case revenue(Name)
    case remove(RemoveTarget, cascade: Bool)
    case rename(EntityKind, Name, to: Name)
    case show(ShowList?)
    /// `show NAME`, or `show METRIC in PERIOD`: its values only inside the period.
    case showName(Name, in: Period?)
    case tree(Name?, Period?)
    case query(Query)
    /// Changes and, with `as NAME`, the name to keep them under.
    case whatIf([WhatIfChangeSyntax], scenario: Name?)
    case solve(Name, target: Double, by: Name, Period?, over: ClosedRange<Period>?)
    /// `chart METRIC [in PERIOD] [by GRAIN]`: one grain at a time.
    case chart(Name, in: Period?, by: Period.Grain?)
    case save(PathArgument)
    case run(PathArgument)
    case record(PathArgument?)
    case importValues(PathArgument)
    /// Plan values from a CSV file, all or nothing.
    case importPlan(PathArgument)
    case undo, redo, history
    case note(Note.Kind, String, time: String?)
    case snapshot(Name)
    case diff(Name?, Name?)
    /// `export FORMAT [FILE] [in PERIOD] [title="..."]`: the period and title are the reports'.
    case export(ExportFormat, PathArgument?, period: Period? = nil, title: String? = nil)
    case format(OutputFormat)
    case help(Name?)
    case quit
    /// Sources, actuals, refresh and fit (see `DataCommand`).
    case data(DataCommand)
    /// What the facilitator runs in the room: see `RoomCommand`.
    case room(RoomCommand)

}

/// A command with where it was written.
public struct ParsedCommand: Sendable {
    /// The command.
    public var command: Command
    /// The verb as written.
    public var verb: Name
    /// The whole command.
    public var range: SourceRange
    /// The source it was read from.
    public var source: SourceText
}
