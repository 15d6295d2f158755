import AlignLanguage

/// Turns a document into text in one of the output formats.
public struct Renderer: Sendable {
    /// The format.
    public var format: OutputFormat
    /// Colours, for the table format on a terminal.
    public var style: Style
    /// Whether tables get box-drawing borders (on a terminal).
    public var boxed: Bool
    /// The terminal's width, which text wraps to; nil keeps lines whole.
    public var width: Int?

    /// Makes a renderer.
    public init(format: OutputFormat, style: Style = .plain, boxed: Bool = false, width: Int? = nil) {
        self.format = format
        self.style = style
        self.boxed = boxed
        self.width = width
    }

    /// The document as text, ending in a newline unless empty.
    public func render(_ document: Document) -> String {
        switch format {
        case .table: return TextRenderer(style: style, boxed: boxed, width: width).render(document)
        case .csv: return CSVRenderer().render(document)
        case .json: return JSONRenderer().render(document) + "\n"
        case .markdown: return MarkdownRenderer().render(document)
        }
    }
}

/// Display width on a terminal: wide East Asian characters take two columns,
/// combining marks none.
package func displayWidth(_ text: String) -> Int {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
    var width = 0
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if v < 0x300 {
            width += 1
        } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
            || v == 0x200B
        {
            continue
        } else if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
            || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1FAFF) || (v >= 0x20000 && v <= 0x3FFFD)
        {
            width += 2
        } else {
            width += 1
        }
    }
    return width
}

/// Pads `text` with spaces to `width` display columns, on the right or the left.
package func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - displayWidth(text)))
    return right ? fill + text : text + fill
}

extension Double {
    /// The power of ten of the leading digit (2,500 → 3; 0.05 → -2).
    fileprivate var exponent10: Double {
        var e = 0.0
        var x = self
        while x >= 10 { x /= 10; e += 1 }
        while x > 0, x < 1 { x *= 10; e -= 1 }
        return e
    }
}

extension Cell {
    /// The cell as people read it.
    package var display: String {
        switch self {
        case .text(let s), .name(let s): return Escaping.safe(s)
        case .number(let v, let unit): return NumberFormat.format(v, unit: unit)
        case .change(let v, let unit): return NumberFormat.change(v, unit: unit)
        case .percent(let v, let signed): return signed && v > 0 ? "+" + NumberFormat.percent(v) : NumberFormat.percent(v)
        case .status(_, let s): return s
        case .missing(let s): return Escaping.safe(s)
        case .empty: return ""
        }
    }

    /// What a column's cells share when shown: cents on every sum of money
    /// where some sum shows them, a tenth on every percentage where some
    /// percentage shows one, so the points line up down the column.
    struct Decimals: OptionSet {
        let rawValue: Int
        static let cents = Decimals(rawValue: 1)
        static let tenths = Decimals(rawValue: 2)
    }

    /// What this cell asks of its column: cents for a sum of money of one
    /// unit or more that shows them, a tenth for a percentage that shows one.
    var decimals: Decimals {
        switch self {
        case .number(let v, let unit), .change(let v, let unit):
            guard NumberFormat.isCurrency(unit), abs(v) >= 1 else { return [] }
            let c = (abs(v) * 100).rounded()
            return c.isFinite && c.truncatingRemainder(dividingBy: 100) != 0 ? .cents : []
        case .percent(let v, _):
            let tenths = (abs(v) * 1000).rounded()
            return tenths.isFinite && tenths.truncatingRemainder(dividingBy: 10) != 0 ? .tenths : []
        default: return []
        }
    }

    /// The cell as people read it, given what its column shows: a sum of
    /// money of one unit or more with its cents even where they are none
    /// (1,000.00 USD), a percentage with its tenth (55.0%).
    func display(_ column: Decimals) -> String {
        let text = display
        guard !column.isEmpty, !text.contains(".") else { return text }
        switch self {
        case .number(let v, let unit?), .change(let v, let unit?):
            guard column.contains(.cents), NumberFormat.isCurrency(unit), abs(v) >= 1, v.isFinite else { return text }
            return String(text.dropLast(unit.utf8.count + 1)) + ".00 " + unit
        case .percent(let v, _):
            guard column.contains(.tenths), v.isFinite, text.hasSuffix("%") else { return text }
            return String(text.dropLast()) + ".0%"
        default: return text
        }
    }

    /// The cell as machines read it (CSV): numbers raw.
    var raw: String {
        switch self {
        case .text(let s), .name(let s): return s
        case .number(let v, _), .change(let v, _), .percent(let v, _): return Self.rawNumber(v)
        case .status(let ok, _): return ok ? "true" : "false"
        case .missing, .empty: return ""
        }
    }

    /// A number for machines: 12 significant digits, so that arithmetic noise
    /// (0.04999999999999999) reads as the number it stands for (0.05).
    static func rawNumber(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var digits = 12 - Int((abs(v)).exponent10)
        digits = min(max(digits, 0), 17)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        return ScriptPrinter.number(rounded.isFinite ? rounded : v)
    }

    /// Whether the cell holds a number, which lines up on the right.
    package var isNumeric: Bool {
        switch self {
        case .number, .change, .percent: return true
        default: return false
        }
    }
}
