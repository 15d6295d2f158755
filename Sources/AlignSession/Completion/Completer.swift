import AlignCore
import AlignLanguage
import Glibc

/// Tab completion from the command table: verbs, sub-words, option keys,
/// the workspace's names where the grammar expects them, and file names.
public struct CompletionEngine {
    /// What Tab offers for the word before the cursor.
    public struct Offer: Equatable, Sendable {
        /// Where, in UTF-8 bytes from the start of the line, the word being completed starts.
        public var wordStart: Int
        /// The words that could replace it, sorted.
        public var candidates: [String]
    }

    /// The workspace whose names are offered.
    let workspace: Workspace
    /// Snapshot names.
    let snapshots: [String]
    /// The folder file names are completed from.
    let folder: String
    /// Names already sorted, kept by the session between Tab presses.
    let sortedNames: SortedNames

    /// Makes an engine over a session's current state.
    public init(session: Session) {
        self.workspace = session.workspace
        self.snapshots = session.snapshots.map(\.name)
        self.folder = session.currentFolder
        self.sortedNames = session.sortedNames
    }

    /// Makes an engine over a workspace (for tests).
    public init(workspace: Workspace, snapshots: [String] = [], folder: String = ".") {
        self.workspace = workspace
        self.snapshots = snapshots
        self.folder = folder
        self.sortedNames = SortedNames()
    }

    /// The candidates for the word before `cursor` (a UTF-8 offset) in `line`.
    public func complete(_ line: String, cursor: Int) -> Offer {
        let bytes = Array(line.utf8.prefix(cursor))
        let before = String(decoding: bytes, as: UTF8.self)
        var words = CompletionEngine.split(before)
        let endsInBlank = bytes.last.map { $0 == 32 || $0 == 9 } ?? true
        let partial = endsInBlank || words.isEmpty ? "" : words.removeLast()
        let partialStart = bytes.count - partial.utf8.count
        guard let verb = words.first else {
            // An empty line lists the commands once each; a typed prefix also matches aliases.
            let verbs = partial.isEmpty ? CommandTable.verbs : CommandTable.verbsAndAliases
            return Offer(wordStart: partialStart, candidates: filter(verbs, partial))
        }
        guard let spec = CommandTable.spec(for: verb) else { return Offer(wordStart: partialStart, candidates: []) }
        var candidates: [String]
        var wordStart = partialStart
        var lists: [[String]] = []
        for form in spec.forms {
            for slot in CompletionEngine.expected(form.slots[...], Array(words.dropFirst())[...]) {
                if let list = dataOffers(slot, partial, words) {
                    lists.append(list)
                    continue
                }
                let (start, offered) = offers(slot, partial, partialStart, used: Set(words.compactMap(CompletionEngine.optionKey)))
                var list = offered
                // Two scenarios or snapshots side by side are two different ones.
                if case .name(_, let role) = slot, role == .scenario || role == .snapshot {
                    let typed = Set(words.dropFirst())
                    list.removeAll { typed.contains($0) }
                }
                if start != partialStart { wordStart = start }
                if !list.isEmpty { lists.append(list) }
            }
        }
        candidates = CompletionEngine.merged(lists)
        return Offer(wordStart: wordStart, candidates: candidates)
    }

    /// The sorted lists merged into one sorted list, each word once.
    ///
    /// Merging sorted lists costs one comparison a word, so completing over
    /// every name of a large workspace never sorts or hashes them again.
    static func merged(_ lists: [[String]]) -> [String] {
        var result: [String] = []
        for list in lists {
            var merged: [String] = []
            merged.reserveCapacity(result.count + list.count)
            var i = 0
            var j = 0
            while i < result.count || j < list.count {
                let next: String
                if j >= list.count || (i < result.count && result[i] <= list[j]) {
                    next = result[i]
                    i += 1
                } else {
                    next = list[j]
                    j += 1
                }
                if merged.last != next { merged.append(next) }
            }
            result = merged
        }
        return result
    }

    /// Splits typed text into words at blanks, keeping quoted strings whole.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if !quoted, c == " " || c == "\t" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func optionKey(_ word: String) -> String? {
        guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { return nil }
        return String(word[..<eq])
    }

    /// The slots that could take the next word after `words`, for one form.
    static func expected(_ slots: ArraySlice<Slot>, _ words: ArraySlice<String>) -> [Slot] {
        guard let slot = slots.first else { return [] }
        let rest = slots.dropFirst()
        if case .optional(let inner) = slot {
            return expected(inner[...] + rest, words) + expected(rest, words)
        }
        if case .repeated(_, let inner, let separator) = slot {
            // Once, then again after the separator, then what follows.
            return expected(inner[...] + [.optional([.keyword(separator), slot])] + rest, words)
        }
        if case .options = slot {
            // Options take any number of words; past them, what follows.
            let consumed = words.prefix { optionKey($0) != nil || $0.hasPrefix("\"") }
            if consumed.count == words.count { return [slot] + expected(rest, []) }
            return expected(rest, words.dropFirst(consumed.count))
        }
        if case .expression = slot { return [slot] }
        guard let word = words.first else { return [slot] }
        guard accepts(slot, word) else { return [] }
        // As the parser reads it: a name where the next keyword stands is that keyword.
        if case .name = slot, let keyword = Slot.nextKeyword(in: rest), word == keyword { return [] }
        return expected(rest, words.dropFirst())
    }

    static func accepts(_ slot: Slot, _ word: String) -> Bool {
        switch slot {
        case .keyword(let k): return word == k
        case .choice(_, let words): return words.contains(word)
        case .comparison: return Comparison(rawValue: word) != nil
        case .string: return word.hasPrefix("\"")
        default: return true
        }
    }

    /// What a slot offers for a partial word, and where the replaced word starts.
    func offers(_ slot: Slot, _ partial: String, _ start: Int, used: Set<String>) -> (Int, [String]) {
        switch slot {
        case .keyword(let k): return (start, filter([k], partial))
        case .choice(_, let words): return (start, filter(words, partial))
        case .name(_, .any):
            // `show NAME` describes scenarios and snapshots too: few, merged in at each Tab.
            let extra = Set(workspace.scenarios.map(\.name) + snapshots).sorted()
            let all = extra.isEmpty ? sorted(.any) : SortedNames.merge([sorted(.any), extra])
            return (start, sortedFilter(all, partial))
        case .name(_, let role): return (start, sortedFilter(sorted(role), partial))
        case .comparison: return (start, filter(Comparison.allCases.map(\.rawValue), partial))
        case .period: return (start, filter(workspace.periodsInUse.map(\.description), partial))
        case .span:
            // After `FROM..`, the period that ends the range: offered from its start on.
            if let dots = partial.firstRange(of: "..") {
                let cut = partial.utf8.distance(from: partial.startIndex, to: dots.upperBound)
                return (start + cut, filter(workspace.periodsInUse.map(\.description), String(partial[dots.upperBound...])))
            }
            return (start, filter(workspace.periodsInUse.map(\.description), partial))
        case .expression:
            // Complete the name after the last operator.
            var cut = partial.utf8.count
            let bytes = Array(partial.utf8)
            while cut > 0, !Self.formulaBreaks.contains(bytes[cut - 1]) { cut -= 1 }
            let last = String(decoding: bytes[cut...], as: UTF8.self)
            return (start + cut, sortedFilter(sorted(.metric), last))
        case .path(_, let role): return (start, files(partial, role))
        case .options(let specs, _):
            if let eq = partial.firstIndex(of: "=") {
                let key = String(partial[..<eq])
                let value = String(partial[partial.index(after: eq)...])
                guard let spec = specs.first(where: { $0.key == key }) else { return (start, []) }
                let prefix = key + "="
                return (start, filter(values(spec.value), value).map { prefix + $0 })
            }
            return (start, filter(specs.filter { !used.contains($0.key) }.map { $0.key + "=" }, partial))
        default: return (start, [])
        }
    }

    /// The bytes after which a name starts in a formula: the lexer's one-byte symbols.
    static let formulaBreaks: [UInt8] = Token.Symbol.allCases.compactMap { symbol in
        symbol.rawValue.utf8.count == 1 ? symbol.rawValue.utf8.first : nil
    }

    /// What an option's value can be: the grammar's suggestions, then the
    /// workspace's names, or the units its metrics already use.
    func values(_ value: OptionValue) -> [String] {
        switch value {
        case .name(let role), .names(let role): return names(role)
        case .unit:
            var units = value.suggestions
            for (_, m) in workspace.metrics.all { if let u = m.unit, !units.contains(u) { units.append(u) } }
            return units
        case .choice, .lag, .number, .text: return value.suggestions
        }
    }

    func names(_ role: NameRole) -> [String] {
        switch role {
        case .team: return workspace.teams.names
        case .term: return workspace.terms.names
        case .metric: return workspace.metrics.names
        case .goal: return workspace.goals.names
        case .snapshot: return snapshots
        case .source: return workspace.sources.names
        case .scenario: return workspace.scenarios.map(\.name).sorted()
        case .verb: return CommandTable.verbs
        case .any: return workspace.teams.names + workspace.terms.names + workspace.metrics.names + workspace.goals.names
        case .fresh: return []
        }
    }

    /// The names of a role in no particular order, for sorting.
    func unorderedNames(_ role: NameRole) -> [String] {
        switch role {
        case .team: return workspace.teams.unorderedNames
        case .term: return workspace.terms.unorderedNames
        case .metric: return workspace.metrics.unorderedNames
        case .goal: return workspace.goals.unorderedNames
        default: return names(role)
        }
    }

    /// The names of a role, sorted (and kept sorted by the session). All
    /// names together are the four kinds' lists merged, not sorted again.
    func sorted(_ role: NameRole) -> [String] {
        switch role {
        case .snapshot, .verb, .fresh, .source: return names(role).sorted()
        case .any:
            return sortedNames.names(.any, in: workspace) {
                SortedNames.merge([sorted(.team), sorted(.term), sorted(.metric), sorted(.goal)])
            }
        default: return sortedNames.names(role, in: workspace) { unorderedNames(role) }
        }
    }

    /// Sorts whatever names changed since the last time, ahead of a Tab.
    public func prepare() {
        _ = sorted(.any)
    }

    /// The words of a sorted list that start with `prefix`, in order: what
    /// `filter` gives, without sorting again.
    func sortedFilter(_ sorted: [String], _ prefix: String) -> [String] {
        prefix.isEmpty ? sorted : sorted.filter { $0.hasPrefix(prefix) }
    }

    func filter(_ words: [String], _ prefix: String) -> [String] {
        let matching = words.filter { $0.hasPrefix(prefix) }
        return matching.count > 1 ? matching.sorted() : matching
    }

    /// File names in the folder the partial path names, folders ending in `/`.
    func files(_ partial: String, _ role: PathRole) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let dirPart = slash.map { String(partial[...$0]) } ?? ""
        let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let dir = FileSystem.resolve(dirPart.isEmpty ? "." : dirPart, from: folder)
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            let name = FileSystem.name(of: entry)
            guard name != ".", name != "..", name.hasPrefix(namePart) else { continue }
            if name.hasPrefix("."), !namePart.hasPrefix(".") { continue }
            let full = dir + "/" + name
            if FileSystem.isDirectory(full) {
                result.append(dirPart + name + "/")
            } else {
                switch role {
                case .script where !name.hasSuffix(".align"): continue
                case .csv where !name.hasSuffix(".csv"): continue
                default: result.append(dirPart + name)
                }
            }
        }
        return result.sorted()
    }
}
