/// A what-if kept under a name: one or more changes, each a metric, how,
/// and where. A scenario holds its changes, not their values: asked again,
/// it applies them to the workspace as it is then.
public struct Scenario: Equatable, Sendable {
    /// The scenario's name, unique among scenarios.
    public var name: String
    /// Its changes, in the order given.
    public var items: [WhatIfItem]

    /// Makes a scenario.
    public init(name: String, items: [WhatIfItem]) {
        self.name = name
        self.items = items
    }
}

/// How a what-if changes a metric.
public enum ValueChange: Equatable, Sendable {
    /// Set it to a value: `= 30%`.
    case set(Double)
    /// Move it by a share of itself: `= +10%`.
    case relative(Double)
    /// Move it by an amount in its unit: `= +500`.
    case delta(Double)
    /// Move a rate by percentage points: `= +5pp` adds 0.05.
    case points(Double)
}

/// Where a what-if's change applies.
public enum ChangeScope: Equatable, Sendable {
    /// In one period, or in each period of a range.
    case within(ClosedRange<Period>)
    /// In a period and every later one of the same length, up to the last
    /// period with a recorded value.
    case from(Period)
}

/// One change of a what-if: a metric, how it changes, where.
public struct WhatIfItem: Equatable, Sendable {
    public var metric: MetricID
    public var change: ValueChange
    public var scope: ChangeScope

    public init(metric: MetricID, change: ValueChange, scope: ChangeScope) {
        self.metric = metric
        self.change = change
        self.scope = scope
    }
}

