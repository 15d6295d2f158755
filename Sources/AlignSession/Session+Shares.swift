import AlignCore
import AlignLanguage
import AlignPresent

/// Questioning a share given a value outside 0 to 100%: `value sql_rate
/// 2026-Q3 50` is most likely 50% with the sign forgotten, and taken as it
/// stands it makes revenue fifty times too large. The value is kept (a
/// script runs on), and a warning asks.
extension Session {
    /// Warns when `value` lies outside what the metric, a share, can be,
    /// pointing at the number in the command (`range`).
    func questionShare(_ id: MetricID, _ value: Double, at range: SourceRange, in source: SourceText) {
        // A count below zero (leads -5) is as surely a slip: taken, and questioned.
        if value < 0, let unit = workspace.valueUnit(of: id), UnitClass(unit) == .count {
            let message = Message.negativeCount(workspace.metrics[id].name, unit: unit, value)
            warn(message, at: Session.numberRange(in: range, source) ?? range, in: source)
            return
        }
        guard let bound = workspace.shareBound(value, of: id) else { return }
        let message = Message.shareOutOfRange(
            workspace.metrics[id].name, unit: workspace.valueUnit(of: id), value, bound)
        warn(message, at: Session.numberRange(in: range, source) ?? range, in: source)
    }

    /// Where a command's number is: the one after a comparison (a goal's
    /// target), else the last (a value's), with its sign.
    static func numberRange(in range: SourceRange, _ source: SourceText) -> SourceRange? {
        var lexer = Lexer(source, range: range)
        var found: SourceRange?
        var sign: SourceRange?
        var afterComparison = false
        while let token = try? lexer.next(), token.kind != .end {
            switch token.kind {
            case .atom:
                if !afterComparison || found == nil { found = sign.map { $0.joined(token.range) } ?? token.range }
                if afterComparison { return found }
                sign = nil
            case .symbol(.minus): sign = token.range
            case .symbol(.atLeast), .symbol(.atMost), .symbol(.equals):
                afterComparison = true
                found = nil
                sign = nil
            default: sign = nil
            }
        }
        return found
    }
}
