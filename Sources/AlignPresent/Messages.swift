import AlignCore
import AlignLanguage
import AlignOutput

/// What presenters say, declared once; the session raises the same words as errors.
extension Message {
    /// There is no revenue metric for an answer that needs one.
    package static let noRevenue = Message(
        "there is no revenue metric: add 'metric revenue', or choose one with 'revenue METRIC'")
}

/// The words for a value of a share (a metric in ratio, percent or share)
/// that lies outside 0 to 100%, which the session warns of and the answers
/// that need one say plainly.
package enum ShareWords {
    /// A share's value with its percentage: "1.25 (125%)" for a ratio,
    /// "150%" for a percentage.
    package static func shown(_ value: Double, unit: String?) -> String {
        let shown = NumberFormat.format(value, unit: unit)
        return shown.hasSuffix("%") ? shown : "\(shown) (\(NumberFormat.percent(value)))"
    }

    /// The bound passed: "above 100%", "below 0".
    package static func side(_ bound: ShareBound) -> String {
        bound == .aboveWhole ? "above 100%" : "below 0"
    }
}

extension Message {
    /// A profile whose shares add up to more than 100%: taken, and questioned.
    package static func profileOverWhole(_ total: Double) -> Message {
        Message(
            "the profile's shares add up to \(NumberFormat.plain(total * 100))%: more of each period is spread "
                + "than there is (a cohort's close rates add up to 100% at most)")
    }

    /// A count given a value below zero: taken, and questioned.
    package static func negativeCount(_ metric: String, unit: String, _ value: Double) -> Message {
        Message("\(metric) counts things (unit \(unit)): \(NumberFormat.plain(value)) is below 0")
    }

    /// A share given a value outside 0 to 100%: taken, and questioned.
    package static func shareOutOfRange(_ metric: String, unit: String?, _ value: Double, _ bound: ShareBound) -> Message {
        var text = "\(metric) is a share (unit \(unit ?? "ratio")): "
            + "\(ShareWords.shown(value, unit: unit)) is \(ShareWords.side(bound))"
        // 50 for a rate of 50%: the percent sign forgotten. Below 2 (a
        // retention of 1.1) it may well be meant, and nothing is guessed.
        if bound == .aboveWhole, value >= 2, value <= 100 { text += "; did you mean \(NumberFormat.plain(value))%?" }
        return Message(text)
    }
}
