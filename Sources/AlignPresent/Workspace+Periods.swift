import AlignCore

extension Workspace {
    /// The period answers are for when none is given: the latest with any
    /// recorded value that starts before the actuals end (a value recorded
    /// after them is a forecast input, not what happened), nil before the
    /// first value.
    public var latestPeriod: Period? {
        guard let end = actualsEnd else { return valuesPerPeriod.keys.max() }
        return valuesPerPeriod.keys.filter { $0.firstMonth < end.endMonth }.max() ?? valuesPerPeriod.keys.max()
    }
}
