/// Colours for a terminal, off when the output is not one or `NO_COLOR` is set.
public struct Style: Sendable {
    /// What a span of text is, which decides its colour.
    public enum Role: Sendable {
        case name, number, good, bad, warning, dim, heading, error, marker
    }

    /// Whether escape codes are written.
    public let enabled: Bool

    /// Makes a style.
    public init(enabled: Bool) { self.enabled = enabled }

    /// No colour.
    public static let plain = Style(enabled: false)

    /// `text` wrapped in the escape codes of `role`.
    public func apply(_ role: Role, _ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        let code: String
        switch role {
        case .name: code = "36"
        case .number: code = "0"
        case .good: code = "32"
        case .bad, .error: code = "1;31"
        case .warning: code = "1;33"
        case .dim: code = "2"
        case .heading: code = "1"
        case .marker: code = "1;32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
