/// How a metric's values at a finer grain make up a coarser period.
extension Workspace {
    /// The aggregation in force for a metric, by the first rule that applies:
    ///
    /// 1. the one the metric names with `agg=`;
    /// 2. a formula that divides by a metric (`sqls / mqls`, `revenue / deals`)
    ///    gives a rate or an average: `avg`, which for a formula means it is
    ///    recomputed from the coarser period's inputs;
    /// 3. the unit's default: shares and scores `avg`, counts, money and other
    ///    units `sum`;
    /// 4. a formula without a unit takes the default of the unit it computes
    ///    (`leads * mql_rate` is a count, so `sum`); a compound unit is a rate
    ///    and a constant stays what it is (`avg`);
    /// 5. otherwise `sum`.
    public func aggregation(of id: MetricID) -> Aggregation {
        let metric = metrics[id]
        if let aggregation = metric.aggregation { return aggregation }
        if let formula = metric.formula, formula.dividesByMetric { return .average }
        if let unit = metric.unit { return UnitClass(unit).defaultAggregation }
        if let formula = metric.formula {
            switch unit(of: formula) {
            case .known(let unitClass, _): return unitClass.defaultAggregation
            case .compound, .any: return .average
            case .unknown, .conflict: return .sum
            }
        }
        return .sum
    }
}
