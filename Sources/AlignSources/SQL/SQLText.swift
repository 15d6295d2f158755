/// Spelling names and values into SQL that SQLite and PostgreSQL both read.
enum SQLText {
    /// A name in double quotes, a quote inside doubled: `"Close Date"`.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A text in single quotes, a quote inside doubled: `'Closed Won'`.
    static func literal(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    /// A table as written on a source: a bare name, or `schema.table`, left
    /// for the database to read as it reads names; anything else quoted whole.
    static func table(_ name: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let plain = parts.count <= 2 && parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
            else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
        return plain ? name : identifier(name)
    }

    /// The words a condition `= true` matches, as an SQL list.
    static let truths = "('true', 't', '1', 'yes', 'y', 'x', 'checked')"
}

extension String {
    /// The string with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
