import AlignTestSupport
import Testing

@testable import AlignCore

@Suite("Changes and their inverses")
struct ChangeTests {
    @Test("each elementary change, applied then reverted, restores an equal workspace")
    func elementary() throws {
        var ws = try referenceWorkspace()
        let sales = ws.team("sales")
        let leads = ws.metric("leads")
        let q3 = period("2026-Q3")
        var renamed = ws.metrics[leads]
        renamed.name = "all_leads"
        var unformula = ws.metrics[ws.metric("mqls")]
        unformula.formula = nil
        let changes: [Change] = [
            .team(sales, nil), .team(ws.teams.nextID, Team(name: "finance")), .team(sales, Team(name: "closers")),
            .term(ws.terms.id(named: "MQL")!, nil), .metric(leads, renamed), .metric(ws.metric("mqls"), unformula),
            .metric(leads, nil), .goal(ws.goals.id(named: "q3_mqls")!, nil), .link(LinkID(0), nil),
            .value(leads, q3, 5000), .value(leads, q3, nil), .value(leads, period("2026-Q4"), 1), .revenue(leads),
            .notes([Note(kind: .note, text: "n")]),
        ]
        for change in changes {
            let before = Fingerprint(ws)
            let inverse = ws.apply(change)
            ws.apply(inverse)
            #expect(Fingerprint(ws) == before, "\(change)")
        }
    }

    @Test("a failed transaction leaves no trace")
    func failedTransaction() throws {
        var ws = try referenceWorkspace()
        let before = Fingerprint(ws)
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            try ws.transaction { ws in
                ws.defineTeam("finance")
                ws.setValue(ws.metric("leads"), period("2026-Q3"), 1)
                try ws.removeMetric(ws.metric("nps"), cascade: true)
                throw Refusal()
            }
        }
        #expect(Fingerprint(ws) == before)
    }

    @Test("random operations, each undone, restore the workspace; redone, they give it back", arguments: [1, 2, 3, 4, 5])
    func randomOperations(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var ws = try referenceWorkspace()
        var history: [(before: Fingerprint, after: Fingerprint, undo: [Change])] = []
        let periods = ["2026-Q3", "2026-Q4", "2026-07", "2026"].map(period)
        for step in 0..<300 {
            let before = Fingerprint(ws)
            let metrics = ws.metrics.ids
            let teams = ws.teams.ids
            let pick = { (list: [MetricID], rng: inout SeededGenerator) in list.randomElement(using: &rng)! }
            let undo: [Change]
            do {
                undo = try ws.transaction { ws in
                    let operation = metrics.count < 3 ? 1 : teams.isEmpty ? 0 : Int.random(in: 0..<12, using: &rng)
                    switch operation {
                    case 0: ws.defineTeam("team\(step % 7)", horizon: Horizon.allCases.randomElement(using: &rng))
                    case 1: try ws.defineMetric("metric\(step)", owner: teams.randomElement(using: &rng), unit: "count")
                    case 2:
                        ws.defineTerm(
                            "term\(step % 5)", definition: "text \(step)", by: teams.randomElement(using: &rng),
                            synonyms: ["syn\(step % 3)"])
                    case 3:
                        ws.setValue(pick(metrics, &rng), periods.randomElement(using: &rng)!, Double(step))
                    case 4: try ws.removeMetric(pick(metrics, &rng), cascade: Bool.random(using: &rng))
                    case 5: try ws.removeTeam(teams.randomElement(using: &rng)!, cascade: Bool.random(using: &rng))
                    case 6: try ws.renameMetric(pick(metrics, &rng), to: "renamed\(step)")
                    case 7:
                        try ws.setFormula(
                            pick(metrics, &rng), .binary(.add, .metric(pick(metrics, &rng)), .metric(pick(metrics, &rng))))
                    case 8: try ws.link(pick(metrics, &rng), pick(metrics, &rng), lag: Lag("1q"))
                    case 9: ws.addNote(Note(kind: .decision, text: "d\(step)"))
                    case 10: ws.chooseRevenue(Bool.random(using: &rng) ? pick(metrics, &rng) : nil)
                    default:
                        if let id = ws.terms.ids.randomElement(using: &rng) {
                            try ws.removeTerm(id, cascade: Bool.random(using: &rng))
                        }
                    }
                }.undo
            } catch {
                // A refused operation must leave the workspace as it was.
                #expect(Fingerprint(ws) == before, "step \(step): \(error)")
                continue
            }
            history.append((before, Fingerprint(ws), undo))
        }
        #expect(history.count > 100)
        // Undo everything, in reverse, checking each state; then redo it all.
        var redos: [[Change]] = []
        for entry in history.reversed() {
            redos.append(ws.revert(entry.undo))
            #expect(Fingerprint(ws) == entry.before)
        }
        for (entry, redo) in zip(history, redos.reversed()) {
            ws.revert(redo)
            #expect(Fingerprint(ws) == entry.after)
        }
    }
}

@Suite("Undo records")
struct UndoRecordTests {
    static func describe(_ changes: [Change]) -> [String] { changes.map { "\($0)" } }

    static let changes: [Change] = [
        .value(MetricID(3), period("2026-Q3"), 5000), .value(MetricID(3), period("2026-07"), nil),
        .team(TeamID(1), Team(name: "finance", horizon: .year)), .value(MetricID(0), period("2026"), -0.25),
        .notes([Note(kind: .decision, text: "d")]), .value(MetricID(70_000), period("2025-H2"), 1e300),
        .revenue(nil),
    ]

    @Test("keeps every change, values packed and the rest whole, in order")
    func roundTrip() {
        let record = UndoRecord(Self.changes)
        #expect(record.count == Self.changes.count)
        #expect(Self.describe(record.changes) == Self.describe(Self.changes))
    }

    @Test("a suffix taken off leaves the head, and appending it back restores the whole")
    func suffix() {
        for start in 0...Self.changes.count {
            var record = UndoRecord(Self.changes)
            let tail = record.removeSuffix(from: start)
            #expect(Self.describe(record.changes) == Self.describe(Array(Self.changes[..<start])))
            #expect(Self.describe(tail.changes) == Self.describe(Array(Self.changes[start...])))
            record.append(contentsOf: tail)
            #expect(Self.describe(record.changes) == Self.describe(Self.changes))
            var part = UndoRecord([.revenue(MetricID(1))])
            part.append(contentsOf: UndoRecord(Self.changes), from: start)
            #expect(Self.describe(part.changes) == Self.describe([.revenue(MetricID(1))] + Self.changes[start...]))
        }
    }

    @Test("a failed transaction leaves the record it was appending to as it was")
    func failedTransactionKeepsRecord() throws {
        var ws = try referenceWorkspace()
        var record = UndoRecord([.revenue(nil)])
        try ws.transaction(recordingInto: &record) { ws in ws.setValue(ws.metric("leads"), period("2026-Q3"), 1) }
        #expect(record.count == 2)
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            try ws.transaction(recordingInto: &record) { ws in
                ws.defineTeam("finance")
                ws.setValue(ws.metric("leads"), period("2026-Q3"), 2)
                throw Refusal()
            }
        }
        #expect(record.count == 2)
        #expect(ws.value(of: ws.metric("leads"), in: period("2026-Q3")) == 1)
    }
}
