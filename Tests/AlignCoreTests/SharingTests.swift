@testable import AlignCore
import Testing

/// A driver graph is Sendable: many tasks may ask it at once, the first
/// ones working out the answer it keeps.
@Suite("A driver graph shared between tasks")
struct SharingTests {
    @Test("what reaches revenue, asked by many tasks at once, is the same for each")
    func reachesRevenue() async throws {
        let ws = try referenceWorkspace()
        let expected = DriverGraph(ws).reachesRevenue
        let shared = DriverGraph(ws)
        let answers = await withTaskGroup(of: [Bool].self) { group in
            for _ in 0..<32 { group.addTask { shared.reachesRevenue } }
            return await group.reduce(into: [] as [[Bool]]) { $0.append($1) }
        }
        #expect(answers.count == 32)
        #expect(answers.allSatisfy { $0 == expected })
        #expect(expected[ws.metric("leads").index] && !expected[ws.metric("nps").index])
    }
}
