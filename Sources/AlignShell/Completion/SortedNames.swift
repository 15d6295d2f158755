import AlignCore
import AlignLanguage

/// The workspace's names sorted for completion, kept while the workspace's
/// structure stays the same: Tab at a prompt over a hundred thousand metrics
/// then filters a sorted list instead of sorting it again.
public final class SortedNames {
    private var version = -1
    private var lists: [NameRole: [String]] = [:]

    /// Makes an empty cache.
    public init() {}

    /// The names of a role in `workspace`, sorted; nil for roles it does not keep.
    func names(_ role: NameRole, in workspace: Workspace, unsorted: () -> [String]) -> [String] {
        if version != workspace.structureVersion {
            lists = [:]
            version = workspace.structureVersion
        }
        if let known = lists[role] { return known }
        let sorted = unsorted().sorted()
        lists[role] = sorted
        return sorted
    }
}

extension NameRole: Hashable {}
