extension GoalGap {
    init(goal: GoalID, value: Outcome, source: ValueSource?) {
        self.goal = goal
        self.value = value
        self.source = source
        self.met = nil
        self.difference = nil
        self.shortfallShare = nil
    }
}
