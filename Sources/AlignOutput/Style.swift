/// Colours for a terminal, off when the output is not one or `NO_COLOR` is set.
public struct Style: Sendable {
    /// What a span of text is, which decides its colour.
    public enum Role: Sendable {
        case name, number, good, bad, warning, dim, heading, error, marker
    }

    /// Whether escape codes are written.
    public let enabled: Bool
    /// High contrast, for a projector: bold and bright, nothing dim.
    public let contrast: Bool

    /// Makes a style.
    public init(enabled: Bool, contrast: Bool = false) {
        self.enabled = enabled
        self.contrast = contrast
    }

    /// No colour.
    public static let plain = Style(enabled: false)

    /// `text` wrapped in the escape codes of `role`.
    public func apply(_ role: Role, _ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        let code: String
        if contrast {
            code = Self.contrastCode(role)
        } else {
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
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

extension Style {
    /// The contrast theme's codes: bright colours in bold, and what the
    /// default theme dims drawn plain, since dim text vanishes on a projector.
    static func contrastCode(_ role: Role) -> String {
        switch role {
        case .name: return "1;96"
        case .number, .dim: return "0"
        case .good: return "1;92"
        case .bad, .error: return "1;91"
        case .warning: return "1;93"
        case .heading: return "1;4"
        case .marker: return "1;92"
        }
    }
}
