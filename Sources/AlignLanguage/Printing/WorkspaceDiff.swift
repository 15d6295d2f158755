import AlignCore

/// What changed between two workspaces of one session: thing by thing, each
/// with the attributes that differ, and each goal's value against its target.
///
/// Workspaces of one session share their slots, so a thing is followed by
/// its slot rather than its name: a rename reads as a rename, and a team's
/// new name does not make every metric it owns look changed.
public struct WorkspaceDiff: Sendable {
    /// The kinds of things compared, in the order they are listed.
    public enum Kind: String, Sendable, CaseIterable {
        case team, term, metric, revenue, link, value, plan, actuals, scenario, goal, note, decision, parked, vote
    }

    /// Whether a thing appeared, went, or changed; a scenario that went
    /// because it was adopted (its values are plan values now) is `adopted`.
    public enum Change: String, Sendable {
        case added, removed, changed, adopted
    }

    /// An attribute's value as people read it.
    public enum Value: Equatable, Sendable {
        /// Plain words: a name, a horizon, a formula.
        case text(String)
        /// What someone wrote, shown in quotes.
        case quoted(String)
        /// A number in a metric's unit, after a comparison for a target (`>= 900`).
        case number(Double, unit: String?, comparison: Comparison? = nil)
    }

    /// One attribute that differs; `key` is empty for the thing's one value
    /// (a recorded value, a definition's text).
    public struct Field: Equatable, Sendable {
        /// The attribute: owner, unit, formula, target...
        public var key: String
        /// Its value before, if it had one.
        public var before: Value?
        /// Its value now, if it has one.
        public var after: Value?

        /// Makes a field.
        public init(key: String, before: Value?, after: Value?) {
            self.key = key
            self.before = before
            self.after = after
        }
    }

    /// One thing that differs.
    public struct Entry: Equatable, Sendable {
        /// Added, removed or changed.
        public var change: Change
        /// The kind of thing.
        public var kind: Kind
        /// Its name as it is now (as it was, when removed): `leads`,
        /// `MQL (sales)`, `leads 2026-Q3`, `brand_awareness -> leads`, `2` (a note's or
        /// decision's number among its kind).
        public var name: String
        /// Its name before, when it was renamed.
        public var oldName: String?
        /// The attributes that differ; for an added or removed thing, all it
        /// has; for an adopted scenario, its changes (as removed), then each
        /// plan value it wrote, keyed `METRIC PERIOD`.
        public var fields: [Field]
    }

    /// A goal whose value, target or verdict moved.
    public struct GoalMove: Equatable, Sendable {
        /// The goal's name.
        public var goal: String
        /// The metric it is on, and the period it is due.
        public var metric: String
        /// The period by which the target is to be met.
        public var period: Period
        /// The metric's unit.
        public var unit: String?
        /// How the value is compared with the target.
        public var comparison: Comparison
        /// The target before (nil for a new goal) and now.
        public var targetBefore: Double?
        /// The target now.
        public var target: Double
        /// The value before (nil when unknown or the goal is new) and now.
        public var valueBefore: Double?
        /// The value now, if known.
        public var value: Double?
        /// Whether the goal was met before (nil: unknown or new) and is now.
        public var metBefore: Bool?
        /// Whether the goal is met now (nil: no value).
        public var met: Bool?
    }

    /// The differences, kind by kind in `Kind` order, each kind in the order
    /// of creation; an adopted scenario comes before the plan values, with
    /// those it wrote, which are not listed again.
    public internal(set) var entries: [Entry] = []
    /// The goals that exist now whose value, target or verdict differ from before.
    public internal(set) var goals: [GoalMove] = []

    /// Whether nothing differs.
    public var isEmpty: Bool { entries.isEmpty && goals.isEmpty }

    /// Compares `old` with `new`.
    public init(from old: Workspace, to new: Workspace) {
        var compare = Comparer(old: old, new: new)
        compare.teams()
        compare.terms()
        compare.metrics()
        compare.revenue()
        compare.links()
        compare.values()
        compare.adoptions()
        compare.plans()
        compare.scenarios()
        compare.goals()
        compare.notes()
        compare.votes()
        entries = compare.entries
        goals = Self.goalMoves(old, new)
    }

    /// Whether two figures (either may be missing) are the same but for
    /// the rounding of arithmetic: a diff shows no change that is not one.
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return Noise.isSame(a, b)
    }

    /// An evaluator of a workspace as queries read it: the forecast once there is a plan.
    static func queried(_ ws: Workspace) -> Evaluator {
        Evaluator(ws, layer: ws.hasPlan ? .forecast : .actual)
    }

    private static func goalMoves(_ old: Workspace, _ new: Workspace) -> [GoalMove] {
        guard !new.goals.isEmpty else { return [] }
        let before = queried(old)
        let after = queried(new)
        var moves: [GoalMove] = []
        for (id, goal) in new.goals.all {
            let previous = old.goals.entity(id)
            let valueBefore = previous.flatMap { before.value($0.metric, in: $0.period).number }
            let value = after.value(goal.metric, in: goal.period).number
            let metBefore = previous.flatMap { g in valueBefore.map { g.comparison.isMet($0, target: g.target) } }
            let met = value.map { goal.comparison.isMet($0, target: goal.target) }
            let move = GoalMove(
                goal: goal.name, metric: new.metrics[goal.metric].name, period: goal.period,
                unit: new.valueUnit(of: goal.metric), comparison: goal.comparison, targetBefore: previous?.target,
                target: goal.target, valueBefore: valueBefore, value: value, metBefore: metBefore, met: met)
            let same =
                previous != nil && previous!.metric == goal.metric && previous!.period == goal.period
                && previous!.comparison == goal.comparison && previous!.target == goal.target
                && Self.same(valueBefore, value)
            if !same { moves.append(move) }
        }
        return moves
    }
}
