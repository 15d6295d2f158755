import AlignCore
import AlignLanguage
import AlignSources

/// Completion in the data commands: `count()`, `sum(`, `avg(`; `true` and
/// `false`; and, after `from SOURCE`, the columns of that source, read from
/// its header (a CSV file's first line, an SQLite table's columns).
extension CompletionEngine {
    /// What a data slot offers for the partial word; nil for other slots.
    func dataOffers(_ slot: Slot, _ partial: String, _ words: [String]) -> [String]? {
        switch slot {
        case .aggregate:
            return filter(["count()", "sum(", "avg("], partial)
        case .column:
            return filter(columns(words), partial)
        case .cell:
            return filter(["true", "false"], partial)
        default:
            return nil
        }
    }

    /// The columns of the source named after `from`, as they must be
    /// written (quoted when they hold blanks); none when it cannot be read
    /// at once (a PostgreSQL database is not asked).
    func columns(_ words: [String]) -> [String] {
        guard let from = words.firstIndex(of: "from"), from + 1 < words.count,
            let id = workspace.sources.id(named: words[from + 1])
        else { return [] }
        let s = workspace.sources[id]
        let path = FileSystem.resolve(s.location, from: s.folder)
        let header: Header?
        switch s.kind {
        case .csv:
            let csv = CSVSource(path: path)
            header = csv.readsOnce ? nil : try? csv.header()
        case .sqlite: header = try? SQLiteSource(path: path, table: s.table).header()
        case .postgres: header = nil
        }
        return (header?.names ?? []).map(ScriptPrinter.column)
    }
}
