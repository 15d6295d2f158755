import AlignCore
import AlignLanguage
import AlignPresent

/// Questioning a share given a value outside 0 to 100%: `value sql_rate
/// 2026-Q3 50` is most likely 50% with the sign forgotten, and taken as it
/// stands it makes revenue fifty times too large. The value is kept (a
/// script runs on), and a warning asks.
extension Session {
    /// Warns of `doubt` (a share beyond its range, a count below zero),
    /// pointing at the number in the command (`range`). The doubt is worked
    /// out where the workspace is at hand, in the step that recorded the
    /// value: asked for through the session's property, the workspace was
    /// copied whole (a retain and a release of each of its tables) for
    /// every line of a script.
    func question(_ id: MetricID, _ value: Double, _ doubt: ValueDoubt?, at range: SourceRange, in source: SourceText) {
        guard let doubt else { return }
        warn(doubtMessage(id, value, doubt), at: Session.numberRange(in: range, source) ?? range, in: source)
    }

    /// What a doubt about a value says.
    func doubtMessage(_ id: MetricID, _ value: Double, _ doubt: ValueDoubt) -> Message {
        let name = workspace.metrics[id].name
        switch doubt {
        case .negativeCount(let unit): return .negativeCount(name, unit: unit, value)
        case .share(let bound): return .shareOutOfRange(name, unit: workspace.valueUnit(of: id), value, bound)
        }
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
