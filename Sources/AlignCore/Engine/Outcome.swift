/// The value of a metric in a period, or why there is none.
public enum Outcome: Equatable, Sendable {
    /// A number.
    case known(Double)
    /// No value: this metric has nothing recorded in this period, and nothing
    /// to compute it from.
    case missing(MetricID, Period)
    /// The computation failed.
    case failed(EvaluationFailure)

    /// The number, if known.
    public var number: Double? {
        if case .known(let value) = self { return value }
        return nil
    }
}

/// Why a computation produced no number. Never shown as `nan` or `inf`.
public enum EvaluationFailure: Equatable, Sendable {
    /// A divisor in the metric's formula was zero.
    case divisionByZero(metric: MetricID, divisor: Formula, period: Period)
    /// The result was too large to represent.
    case overflow(metric: MetricID, period: Period)
}

/// Where a known value came from.
public enum ValueSource: String, Sendable {
    /// Recorded with `value`: an actual.
    case recorded
    /// Computed by the metric's formula.
    case computed
    /// Combined from values recorded at a finer grain.
    case rolledUp = "rolled up"
    /// Carried down from a longer period's value: a rate that holds in
    /// each month, a flow spread over them, a balance at its last month.
    case carried = "carried down"
    /// Set by a what-if or a solve.
    case assumed
    /// A plan value, where no actual is recorded (in a forecast).
    case planned = "plan"
}
