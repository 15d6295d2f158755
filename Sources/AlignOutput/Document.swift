import AlignLanguage

/// An answer, as content: headings, lines, tables and trees. Renderers turn
/// it into a boxed table, CSV, JSON or Markdown, so every command prints in
/// every format the same way.
public struct Document: Sendable {
    /// The parts, in order.
    public var blocks: [Block] = []

    /// Makes an empty document.
    public init() {}

    /// Makes a document of blocks.
    public init(_ blocks: [Block]) { self.blocks = blocks }

    /// Whether it holds nothing.
    public var isEmpty: Bool { blocks.isEmpty }

    /// Appends a block.
    public mutating func add(_ block: Block) { blocks.append(block) }

    /// Appends a line of text.
    public mutating func line(_ spans: Span...) { blocks.append(.line(spans)) }

    /// Appends a heading.
    public mutating func heading(_ text: String) { blocks.append(.heading(text)) }
}

/// A piece of text with a role that decides its colour.
public struct Span: Sendable {
    /// The text; escaped before it reaches a terminal.
    public var text: String
    /// Its role, if any.
    public var role: Style.Role?

    /// Makes a span.
    public init(_ text: String, _ role: Style.Role? = nil) {
        self.text = text
        self.role = role
    }
}

extension Span: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(value) }
}

/// One part of a document.
public enum Block: Sendable {
    /// A heading.
    case heading(String)
    /// A line of text.
    case line([Span])
    /// A table.
    case table(Table)
    /// A tree of metrics.
    case tree(TreeNode)
    /// Lines that keep their layout (a chart).
    case preformatted([String])
}

/// A table: columns with stable keys (for JSON and CSV) and rows of cells.
public struct Table: Sendable {
    /// A column.
    public struct Column: Sendable {
        /// The title shown above it.
        public var title: String
        /// The key in JSON.
        public var key: String
        /// Whether numbers line up on the right.
        public var numeric: Bool

        /// Makes a column.
        public init(_ title: String, key: String? = nil, numeric: Bool = false) {
            self.title = title
            self.key = key ?? title.lowercased().replacingSpaces()
            self.numeric = numeric
        }
    }

    /// The table's key in JSON output (`gaps`, `orphans`).
    public var name: String
    /// The columns.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[Cell]] = []
    /// Whether sums of money of a thousand or more were given whole to fit
    /// a narrow terminal: the others then keep the cents they have, and no
    /// column is given cents throughout.
    var moneyWhole = false
    /// Whether the table is for JSON alone: figures a line of text already
    /// gives people (a headline's), as numbers for a program.
    public var jsonOnly = false

    /// What each column's cells share when shown (see `Cell.Decimals`);
    /// none where money was given whole to fit a narrow terminal.
    var columnDecimals: [Cell.Decimals] {
        var decimals = [Cell.Decimals](repeating: [], count: columns.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < decimals.count { decimals[i].formUnion(cell.decimals) }
        }
        if moneyWhole { for i in decimals.indices { decimals[i].remove(.cents) } }
        return decimals
    }

    /// Makes an empty table.
    public init(name: String, columns: [Column]) {
        self.name = name
        self.columns = columns
    }

    /// Appends a row.
    public mutating func add(_ cells: [Cell]) { rows.append(cells) }
}

/// One cell of a table.
public enum Cell: Sendable {
    /// Text.
    case text(String)
    /// A name of something in the workspace.
    case name(String)
    /// A number with its unit; printed grouped, or raw in CSV and JSON.
    case number(Double, unit: String?)
    /// A signed change with its unit.
    case change(Double, unit: String?)
    /// A share shown as a percentage; `signed`, with its sign (`+2%`), as a change is.
    case percent(Double, signed: Bool = false)
    /// A verdict: met or not.
    case status(Bool, String)
    /// Something that should be there and is not (a value that cannot be
    /// computed, a goal nobody set): shown with its reason, null in JSON.
    case missing(String)
    /// Nothing.
    case empty
}

/// A metric in a driver tree, with its children.
public struct TreeNode: Sendable {
    /// The first line: name, value, formula, goal marks.
    public var label: [Span]
    /// Fields for JSON: metric, value, unit, owner...
    public var fields: [(key: String, value: Cell)]
    /// What drives it.
    public var children: [TreeNode]
    /// Whether the edge to its parent is a link (drawn dotted).
    public var viaLink: Bool

    /// Makes a node.
    public init(label: [Span], fields: [(key: String, value: Cell)], children: [TreeNode] = [], viaLink: Bool = false) {
        self.label = label
        self.fields = fields
        self.children = children
        self.viaLink = viaLink
    }
}

extension String {
    func replacingSpaces() -> String {
        String(map { $0 == " " ? "_" : $0 })
    }
}
