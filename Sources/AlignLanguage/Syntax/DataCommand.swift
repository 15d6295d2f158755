import AlignCore

/// A condition of a `where` clause, as written: `Stage = "Closed Won"`.
public struct FilterSyntax: Equatable, Sendable {
    /// The column.
    public var column: Name
    /// What its cells must hold.
    public var value: ActualsDefinition.Filter.Value

    /// The condition as the workspace keeps it.
    public var filter: ActualsDefinition.Filter { .init(column: column.text, value: value) }
}

/// How an `actuals` line pulls its rows, as written.
public enum PullSyntax: Equatable, Sendable {
    /// `count()`, `sum(COL)` or `avg(COL)` by a date column, with conditions.
    case rows(ActualsDefinition.Aggregate, column: Name?, date: Name, filters: [FilterSyntax])
    /// `sql SOURCE "SELECT ..."`.
    case sql(String, SourceRange)
}

/// The commands of "Data where it lives": sources, actuals, refresh and fit.
public enum DataCommand: Equatable, Sendable {
    /// `source NAME csv|sqlite|postgres "PLACE" [table=TABLE]`.
    case source(Name, DataSource.Kind, location: PathArgument, table: String?)
    /// `actuals METRIC = ... from SOURCE ...`.
    case actuals(Name, source: Name, PullSyntax, grain: Period.Grain?)
    /// `refresh [SOURCE|METRIC]`.
    case refresh(Name?)
    /// `fit METRIC from SOURCE DATECOL1 -> DATECOL2 [where ...]`.
    case fit(Name, source: Name, from: Name, to: Name, filters: [FilterSyntax])
    /// `remove source NAME [cascade]`.
    case removeSource(Name, cascade: Bool)
    /// `remove actuals METRIC`.
    case removeActuals(Name)
    /// `rename source OLD NEW`.
    case renameSource(Name, to: Name)
}
