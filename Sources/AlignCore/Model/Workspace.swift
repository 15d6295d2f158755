/// Everything a session knows: teams, terms, metrics with their values,
/// links, goals, the revenue metric, notes and decisions.
///
/// A workspace is a value: copying it is cheap and makes a snapshot. Every
/// mutation goes through `apply(_:)`, one `Change` at a time, and each change
/// yields its inverse, which is what undo and failed commands roll back with.
public struct Workspace: Sendable {
    /// The teams.
    public private(set) var teams = EntityTable<Team>()
    /// The glossary.
    public private(set) var terms = EntityTable<Term>()
    /// The metrics, without their values.
    public private(set) var metrics = EntityTable<Metric>()
    /// The goals.
    public private(set) var goals = EntityTable<Goal>()
    /// The driver links.
    public private(set) var links = LinkTable()
    /// The metric named by `revenue METRIC`, if one was.
    public private(set) var revenueChoice: MetricID?
    /// Notes, decisions and parked items, in the order they were recorded.
    public private(set) var notes: [Note] = []
    /// Where rows come from: CSV exports, SQLite files, PostgreSQL databases.
    public private(set) var sources = EntityTable<DataSource>()
    /// Where each metric's actuals come from, for those pulled from a source.
    public private(set) var actuals: [MetricID: ActualsDefinition] = [:]
    /// The room's votes and timer.
    public private(set) var room = Room()

    /// Recorded values per metric slot.
    private var valueSlots: [RecordedValues] = []
    /// Plan values per metric slot: the budget, beside the actuals. Grown
    /// only as far as the last metric given a plan value: most workspaces
    /// have none, and a slot each took 8 bytes a metric.
    private var planSlots: [RecordedValues] = []
    /// How many plan values each period holds, over all metrics.
    public private(set) var plansPerPeriod: [Period: Int] = [:]
    /// The last period with actuals, as `actuals through` set it; nil: the
    /// last period with any recorded value.
    public private(set) var actualsCutoff: Period?
    /// What-ifs kept under a name, in the order they were made.
    public private(set) var scenarios: [Scenario] = []
    /// The scenarios adopted, in the order they were (`adopt`): spent, their
    /// changes written into the plan. Kept so that adopting or comparing one
    /// again says so, and `diff` lists it as adopted; undone with the adoption.
    public private(set) var adopted: [Scenario] = []
    /// How many formulas read each metric slot.
    private(set) var formulaReaders: [Int32] = []
    /// How many recorded values each period holds, over all metrics.
    public private(set) var valuesPerPeriod: [Period: Int] = [:]

    /// Bumped by every change but a value's: what a cached graph depends on.
    public private(set) var structureVersion = 0
    /// Bumped by every change to a value.
    public private(set) var valueVersion = 0
    /// The metric and period of the last value changes: change `v` (counted
    /// by `valueVersion`) at `v % recentValueCapacity`, metric slot and
    /// packed period in one word.
    private var recentValues: [UInt64] = []
    private static let recentValueCapacity = 256

    /// Where the open transaction records what undoes its changes.
    private var undoLog: UndoRecord?

    /// Makes an empty workspace.
    public init() {}

    /// The metric revenue is measured by: the one chosen with `revenue`, or
    /// else the metric named `revenue`.
    public var revenue: MetricID? {
        revenueChoice ?? metrics.id(named: "revenue")
    }

    /// Every metric slot's recorded values, for an evaluator to read
    /// without going through the workspace each time.
    var recordedValues: [RecordedValues] { valueSlots }

    /// The values recorded for a metric, by period.
    public func values(of id: MetricID) -> [Period: Double] {
        id.index < valueSlots.count ? valueSlots[id.index].dictionary : [:]
    }

    /// The values recorded for a metric, in chronological order.
    public func valueList(of id: MetricID) -> [(period: Period, value: Double)] {
        id.index < valueSlots.count ? valueSlots[id.index].chronological : []
    }

    /// The value recorded for a metric in a period, if any.
    public func value(of id: MetricID, in period: Period) -> Double? {
        id.index < valueSlots.count ? valueSlots[id.index][period] : nil
    }

    /// The metric and period of each value change since `version` (an
    /// earlier `valueVersion`), oldest first; nil when they are no longer
    /// all known.
    public func valueChanges(since version: Int) -> [(MetricID, Period)]? {
        guard version <= valueVersion, valueVersion - version <= recentValues.count else { return nil }
        return (version..<valueVersion).map { v in
            let word = recentValues[v % Self.recentValueCapacity]
            return (MetricID(Int32(truncatingIfNeeded: word >> 32)), Period(packed: UInt32(truncatingIfNeeded: word)))
        }
    }

    /// How many values are recorded in all.
    public var valueCount: Int { valuesPerPeriod.values.reduce(0, +) }

    /// Whether any formula reads the metric.
    public func isReadByFormulas(_ id: MetricID) -> Bool {
        id.index < formulaReaders.count && formulaReaders[id.index] > 0
    }

    /// Whether nothing at all is defined.
    public var isEmpty: Bool {
        teams.isEmpty && terms.isEmpty && metrics.isEmpty && goals.isEmpty && links.count == 0
            && notes.isEmpty && revenueChoice == nil && scenarios.isEmpty && adopted.isEmpty && actualsCutoff == nil && sources.isEmpty && room.isEmpty
    }

    /// Every metric slot's plan values.
    var planValues: [RecordedValues] {
        guard planSlots.count < valueSlots.count else { return planSlots }
        return planSlots + repeatElement(RecordedValues(), count: valueSlots.count - planSlots.count)
    }

    /// The plan values of a metric, in chronological order.
    public func planList(of id: MetricID) -> [(period: Period, value: Double)] {
        id.index < planSlots.count ? planSlots[id.index].chronological : []
    }

    /// The plan value of a metric in a period, if any.
    public func plan(of id: MetricID, in period: Period) -> Double? {
        id.index < planSlots.count ? planSlots[id.index][period] : nil
    }

    /// Whether any plan value is recorded.
    public var hasPlan: Bool { !plansPerPeriod.isEmpty }

    /// Makes room for about as many more entities as a script about to run
    /// defines: its tables then grow once, not by doubling (each doubling
    /// briefly holds the old table and the new one, and leaves up to half
    /// of the new one unused).
    public mutating func reserve(_ counts: DeclarationCounts) {
        teams.reserve(counts.teams)
        terms.reserve(counts.terms)
        metrics.reserve(counts.metrics)
        goals.reserve(counts.goals)
        links.reserve(counts.links)
        valueSlots.reserveCapacity(valueSlots.count + counts.metrics)
        formulaReaders.reserveCapacity(formulaReaders.count + counts.metrics)
    }
}

/// How many lines of a script start with each verb that creates an entity:
/// an upper bound on what it adds (a line may redefine a name).
public struct DeclarationCounts: Equatable, Sendable {
    public var teams = 0, terms = 0, metrics = 0, goals = 0, links = 0

    public init() {}

    /// Adds another text's counts (the pieces of one script).
    public mutating func add(_ other: DeclarationCounts) {
        teams += other.teams
        terms += other.terms
        metrics += other.metrics
        goals += other.goals
        links += other.links
    }

    private static let team: UInt64 = 0x7465_616D, term: UInt64 = 0x7465_726D, goal: UInt64 = 0x676F_616C
    private static let link: UInt64 = 0x6C69_6E6B, metric: UInt64 = 0x6D65_7472_6963

    /// Counts the lines of `bytes` whose first word is `team`, `term`,
    /// `metric`, `goal` or `link`, in one pass over the text.
    public init(script bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                let start = i
                while i < n, b[i] >= 0x61, b[i] <= 0x7A { i += 1 }
                if i < n, b[i] == 0x20 || b[i] == 0x09, i - start == 4 || i - start == 6 {
                    // The word packed into a number, its first byte highest.
                    let word = b[start..<i].reduce(0) { $0 << 8 | UInt64($1) }
                    switch word {
                    case Self.team: teams += 1
                    case Self.term: terms += 1
                    case Self.metric: metrics += 1
                    case Self.goal: goals += 1
                    case Self.link: links += 1
                    default: break
                    }
                }
                i = ByteScan.first(0x0A, in: b, from: i) + 1
            }
        }
    }
}

/// One elementary change to a workspace: a slot set to a new content.
///
/// Applying a change returns the change that undoes it.
public enum Change: Sendable {
    case team(TeamID, Team?)
    case term(TermID, Term?)
    case metric(MetricID, Metric?)
    case goal(GoalID, Goal?)
    case link(LinkID, Link?)
    case value(MetricID, Period, Double?)
    case revenue(MetricID?)
    case notes([Note])
    /// A source of rows (nil removes it).
    case source(SourceID, DataSource?)
    /// Where a metric's actuals are pulled from (nil: from no source).
    case actuals(MetricID, ActualsDefinition?)
    /// A plan value of a metric in a period (nil removes it).
    case plan(MetricID, Period, Double?)
    /// Where actuals end (nil: where the last one is).
    case actualsCutoff(Period?)
    /// The scenarios, all of them.
    case scenarios([Scenario])
    /// The scenarios adopted, all of them.
    case adopted([Scenario])
    /// The room's votes and timer.
    case room(Room)
}

extension Workspace {
    /// Applies a change and returns its inverse; records the inverse when a
    /// transaction is open.
    @discardableResult
    public mutating func apply(_ change: Change) -> Change {
        let inverse: Change
        switch change {
        case .team(let id, let team):
            inverse = .team(id, teams.set(id, team))
        case .term(let id, let term):
            inverse = .term(id, terms.set(id, term))
        case .metric(let id, let metric):
            while valueSlots.count <= id.index {
                valueSlots.append(RecordedValues())
                formulaReaders.append(0)
            }
            let old = metrics.set(id, metric)
            if old?.formula != metric?.formula {
                for input in old?.formula?.inputs ?? [] { formulaReaders[input.index] -= 1 }
                for input in metric?.formula?.inputs ?? [] { formulaReaders[input.index] += 1 }
            }
            inverse = .metric(id, old)
        case .goal(let id, let goal):
            inverse = .goal(id, goals.set(id, goal))
        case .link(let id, let link):
            inverse = .link(id, links.set(id, link))
        case .value(let id, let period, let value):
            let old = valueSlots[id.index].set(period, value)
            Self.count(period, value, old, in: &valuesPerPeriod)
            noteValueChange(id, period)
            undoLog?.append(.value(id, period, old))
            return .value(id, period, old)
        case .plan(let id, let period, let value):
            while planSlots.count <= id.index { planSlots.append(RecordedValues()) }
            let old = planSlots[id.index].set(period, value)
            Self.count(period, value, old, in: &plansPerPeriod)
            // A plan value moves forecasts as an actual does: the same
            // record of what changed lets an evaluator catch up.
            noteValueChange(id, period)
            undoLog?.append(.plan(id, period, old))
            return .plan(id, period, old)
        case .actualsCutoff(let period):
            inverse = .actualsCutoff(actualsCutoff)
            actualsCutoff = period
        case .scenarios(let list):
            inverse = .scenarios(scenarios)
            scenarios = list
        case .adopted(let list):
            inverse = .adopted(adopted)
            adopted = list
        case .revenue(let id):
            inverse = .revenue(revenueChoice)
            revenueChoice = id
        case .notes(let list):
            inverse = .notes(notes)
            notes = list
        case .source(let id, let source):
            inverse = .source(id, sources.set(id, source))
        case .actuals(let id, let definition):
            inverse = .actuals(id, actuals[id])
            actuals[id] = definition
        case .room(let next):
            inverse = .room(room)
            room = next
        }
        structureVersion &+= 1
        undoLog?.append(inverse)
        return inverse
    }

    /// Counts a value coming or going in a period's tally.
    private static func count(_ period: Period, _ value: Double?, _ old: Double?, in tally: inout [Period: Int]) {
        let delta = (value == nil ? 0 : 1) - (old == nil ? 0 : 1)
        guard delta != 0 else { return }
        let count = tally[period, default: 0] + delta
        tally[period] = count == 0 ? nil : count
    }

    /// Remembers which metric and period a value change touched, and counts it.
    private mutating func noteValueChange(_ id: MetricID, _ period: Period) {
        let word = UInt64(UInt32(bitPattern: id.slot)) << 32 | UInt64(period.packed)
        if recentValues.count < Self.recentValueCapacity {
            recentValues.append(word)
        } else {
            recentValues[valueVersion % Self.recentValueCapacity] = word
        }
        valueVersion += 1
    }

    /// Runs `body` as one all-or-nothing step and returns the changes that undo it.
    ///
    /// If `body` throws, everything it changed is rolled back before the error
    /// propagates. Transactions nest: an inner one's undo is part of the outer's.
    public mutating func transaction<R>(
        _ body: (inout Workspace) throws -> R
    ) throws -> (result: R, undo: [Change]) {
        var record = UndoRecord()
        let result = try transaction(recordingInto: &record, body)
        return (result, record.changes)
    }

    /// Runs `body` as one all-or-nothing step, appending what undoes it to
    /// `record`; if `body` throws, its changes are rolled back and `record`
    /// is left as it was.
    public mutating func transaction<R>(
        recordingInto record: inout UndoRecord, _ body: (inout Workspace) throws -> R
    ) throws -> R {
        let start = record.count
        var outer = undoLog
        // Moved, not copied: the record's buffer has one owner at a time.
        undoLog = record
        record = UndoRecord()
        do {
            let result = try body(&self)
            record = undoLog!
            undoLog = nil
            if outer != nil {
                outer!.append(contentsOf: record, from: start)
                undoLog = outer
            }
            return result
        } catch {
            record = undoLog!
            undoLog = nil
            let partial = record.removeSuffix(from: start)
            for i in stride(from: partial.count - 1, through: 0, by: -1) { apply(partial[i]) }
            undoLog = outer
            throw error
        }
    }

    /// Applies the undo record of a transaction and returns the record that redoes it.
    @discardableResult
    public mutating func revert(_ undo: [Change]) -> [Change] {
        var redo: [Change] = []
        redo.reserveCapacity(undo.count)
        for change in undo.reversed() { redo.append(apply(change)) }
        return redo
    }

    /// Applies an undo record, last change first, and returns the record that redoes it.
    @discardableResult
    public mutating func revert(_ undo: UndoRecord) -> UndoRecord {
        var redo = UndoRecord()
        for i in stride(from: undo.count - 1, through: 0, by: -1) { redo.append(apply(undo[i])) }
        return redo
    }

}
