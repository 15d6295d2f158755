import AlignCore
import AlignLanguage
import AlignOutput

/// Answers that need a share (a ratio, a percentage) outside 0 to 100%:
/// the arithmetic is done, and the answer says plainly that no real value
/// of the share is that.
extension QueryPresenter {
    /// "win_rate would be 1.5 (150%) in 2026-Q3, above 100%: ...", for the
    /// first value of `values` (metric, period, value) beyond its share's
    /// range, with how many more are; nil when none is.
    func beyondShare(_ values: [(MetricID, Period, Double)], _ consequence: String) -> Span? {
        let beyond = values.compactMap { m, p, v in ws.shareBound(v, of: m).map { (m, p, v, $0) } }
        guard let (metric, period, value, bound) = beyond.first else { return nil }
        let more = beyond.count > 1 ? " (and \(NumberFormat.count(beyond.count - 1, "more period")))" : ""
        return Span(
            "\(name(metric)) would be \(ShareWords.shown(value, unit: unit(metric))) in \(period)\(more), "
                + "\(ShareWords.side(bound)): \(consequence)", .bad)
    }

    /// What a what-if beyond a share's range means.
    static let impossibleWhatIf = "no share is more than the whole or less than none, so this is arithmetic, not a forecast"

    /// What a solve across periods beyond a share's range means.
    static let impossibleSolve = "no value of it from 0 to 100% gets there by scaling"

    /// The line under `meeting GOAL takes ...` when what it takes is beyond a share's range.
    func impossibleNeed(_ value: Double, of metric: MetricID, for goal: String) -> Span? {
        guard let bound = ws.shareBound(value, of: metric) else { return nil }
        return Span(
            "  meeting \(goal) takes \(name(metric)) \(ShareWords.shown(value, unit: unit(metric))), \(ShareWords.side(bound)): "
                + "no goal on \(name(metric)) alone can meet it", .bad)
    }
}
