import AlignCore

extension Workspace {
    /// The period answers are for when none is given: the latest with any
    /// recorded value, nil before the first value.
    public var latestPeriod: Period? {
        valuesPerPeriod.keys.max()
    }
}
