import AlignCore
import AlignLanguage

/// The workspace's names sorted for completion, kept while the names stay
/// the same: Tab at a prompt over a hundred thousand metrics then filters a
/// sorted list instead of sorting it again.
public final class SortedNames {
    private var lists: [NameRole: (versions: [Int], names: [String])] = [:]

    /// Makes an empty cache.
    public init() {}

    /// The names of a role in `workspace`, sorted; `unsorted` gives them
    /// when the cache is stale (already in order for `.any`, a merge).
    func names(_ role: NameRole, in workspace: Workspace, unsorted: () -> [String]) -> [String] {
        let versions = Self.versions(role, workspace)
        if let known = lists[role], known.versions == versions { return known.names }
        let sorted = role == .any ? unsorted() : Self.sort(unsorted())
        lists[role] = (versions, sorted)
        return sorted
    }

    /// What a role's names depend on: the name versions of the tables they come from.
    private static func versions(_ role: NameRole, _ ws: Workspace) -> [Int] {
        switch role {
        case .team: return [ws.teams.nameVersion]
        case .term: return [ws.terms.nameVersion]
        case .metric: return [ws.metrics.nameVersion]
        case .goal: return [ws.goals.nameVersion]
        default: return [ws.teams.nameVersion, ws.terms.nameVersion, ws.metrics.nameVersion, ws.goals.nameVersion]
        }
    }

    /// Sorted lists merged into one sorted list, as `sorted()` of them all would give.
    static func merge(_ lists: [[String]]) -> [String] {
        var merged = lists.first ?? []
        for next in lists.dropFirst() where !next.isEmpty {
            var out: [String] = []
            out.reserveCapacity(merged.count + next.count)
            var i = 0
            var j = 0
            while i < merged.count, j < next.count {
                // Equal names keep the earlier list's first, as a stable sort would.
                if next[j] < merged[i] {
                    out.append(next[j])
                    j += 1
                } else {
                    out.append(merged[i])
                    i += 1
                }
            }
            out.append(contentsOf: merged[i...])
            out.append(contentsOf: next[j...])
            merged = out
        }
        return merged
    }

    /// `names.sorted()`. ASCII names sort as their bytes do, so they are
    /// ordered by their first sixteen bytes as two integers, and compared as
    /// strings only where those are equal.
    static func sort(_ names: [String]) -> [String] {
        var keyed: [(high: UInt64, low: UInt64, index: Int32)] = []
        keyed.reserveCapacity(names.count)
        for (i, name) in names.enumerated() {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var ascii = true
            var name = name
            name.withUTF8 { bytes in
                for (n, byte) in bytes.enumerated() {
                    ascii = ascii && byte < 0x80
                    if n < 8 {
                        high |= UInt64(byte) << (56 - 8 * UInt64(n))
                    } else if n < 16 {
                        low |= UInt64(byte) << (120 - 8 * UInt64(n))
                    }
                }
            }
            guard ascii else { return names.sorted() }
            keyed.append((high, low, Int32(i)))
        }
        keyed.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return names[Int(a.index)] < names[Int(b.index)]
        }
        return keyed.map { names[Int($0.index)] }
    }
}
