/// The evaluator's own tables: a flat table of cells per period, worked
/// through by slot and table number with an explicit stack. A derived
/// (what-if) evaluator works on keys instead (`Evaluator.swift`).
extension Evaluator {
    /// The outcome in a table, if worked out.
    func known(_ m: Int, _ t: Int) -> Outcome? {
        let cell = tables[t].cells[m]
        switch cell.state {
        case Cell.unknown: return nil
        case Cell.known: return .known(cell.number)
        default: return problems[Key(MetricID(Int32(m)), tables[t].period)]
        }
    }

    func store(_ m: Int, _ t: Int, _ outcome: Outcome) {
        if case .known(let number) = outcome {
            tables[t].cells[m] = Cell(number: number, state: Cell.known)
        } else {
            tables[t].cells[m].state = Cell.problem
            problems[Key(MetricID(Int32(m)), tables[t].period)] = outcome
        }
    }

    /// The value of the metric in slot `m` in table `t`: what `value` is for
    /// an evaluator of its own, on slots and tables and not on periods.
    func value(_ m: Int, _ t: Int) -> Outcome {
        if let known = known(m, t) { return known }
        var stack = spareSlots
        spareSlots = []
        defer { spareSlots = stack }
        stack.removeAll(keepingCapacity: true)
        stack.append(Slot(metric: Int32(m), table: Int32(t)))
        while let top = stack.last {
            let (m, t) = (Int(top.metric), Int(top.table))
            if tables[t].cells[m].state != Cell.unknown {
                stack.removeLast()
                continue
            }
            if let outcome = step(m, t, needs: &stack) {
                store(m, t, outcome)
                stack.removeLast()
            }
        }
        return known(m, t)!
    }

    /// The tables of a table's finer periods.
    func childTables(_ t: Int) -> [Int] {
        if let known = tables[t].childTables { return known }
        let found = tables[t].children.map { tableNumber(for: $0) }
        tables[t].childTables = found
        return found
    }

    /// The tables of the window that a read `months` earlier covers from
    /// table `t`'s period; nil when it reaches before the calendar.
    func windowTables(_ t: Int, _ months: Int32) -> [Int]? {
        for window in tables[t].windows where window.months == months { return window.tables }
        let found = Evaluator.window(of: tables[t].period, back: Int(months))?.map { tableNumber(for: $0) }
        tables[t].windows.append((months, found))
        return found
    }

    /// `step`, for the evaluator's own tables: the same rules, in the same order.
    func step(_ m: Int, _ t: Int, needs: inout [Slot]) -> Outcome? {
        let already = needs.count
        let period = tables[t].period
        let id = MetricID(Int32(m))
        if !overrides.isEmpty, let value = overrides[Key(id, period)] { return .known(value) }
        if m < recorded.count, let value = recorded[m][packed: tables[t].packed] { return .known(value) }
        let aggregation = plan.aggregations[m]
        guard plan.hasFormula(m) else { return leaf(id, aggregation, period) }
        if combinesChildren(m, period, finer: tables[t].finer) {
            let children = childTables(t)
            var sum = 0.0
            var firstProblem: Int?
            for c in children {
                let cell = tables[c].cells[m]
                switch cell.state {
                case Cell.unknown: needs.append(Slot(metric: Int32(m), table: Int32(c)))
                case Cell.known: sum += cell.number
                default: if firstProblem == nil { firstProblem = c }
                }
            }
            if needs.count > already { return nil }
            // A part not known leaves the whole unknown (see `step(_:needs:)`).
            if let c = firstProblem { return known(m, c) ?? .missing(id, tables[c].period) }
            switch aggregation {
            case .last: return .known(tables[children[children.count - 1]].cells[m].number)
            case .first: return .known(tables[children[0]].cells[m].number)
            default: return finite(sum, id, period)
            }
        }
        for k in Int(plan.inputStart[m])..<Int(plan.inputStart[m + 1]) {
            let input = plan.inputs[k]
            if tables[t].cells[Int(input)].state == Cell.unknown { needs.append(Slot(metric: input, table: Int32(t))) }
        }
        let shifts = Int(plan.shiftStart[m])..<Int(plan.shiftStart[m + 1])
        if !shifts.isEmpty {
            if isBeforeFloor(period) { return .missing(id, period) }
            for k in shifts {
                let shift = plan.shifts[k]
                for w in windowTables(t, shift.months) ?? [] where tables[w].cells[Int(shift.metric)].state == Cell.unknown {
                    needs.append(Slot(metric: shift.metric, table: Int32(w)))
                }
            }
        }
        if needs.count > already { return nil }
        return run(id, in: period) ?? evaluate(plan.formulas[m]!, of: id, in: period)
    }

    func tableNumber(for period: Period) -> Int {
        let packed = period.packed
        if packed == lastPeriod { return lastTable }
        let table: Int
        if let i = tableIndex[packed] {
            table = i
        } else {
            let finer =
                period.grain != .month && valuePeriods.contains { $0.grain < period.grain && period.contains($0) }
            tables.append(
                Table(
                    period: period, packed: packed, cells: Array(repeating: Cell(), count: plan.count), finer: finer,
                    children: period.children))
            tablePeriods.append(packed)
            table = tables.count - 1
            tableIndex[packed] = table
        }
        lastPeriod = packed
        lastTable = table
        return table
    }
}
