import AlignLanguage

/// What presenters say, declared once; the session raises the same words as errors.
extension Message {
    /// There is no revenue metric for an answer that needs one.
    package static let noRevenue = Message(
        "there is no revenue metric: add 'metric revenue', or choose one with 'revenue METRIC'")
}
