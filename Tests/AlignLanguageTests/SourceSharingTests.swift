import AlignLanguage
import Testing

/// A source text is Sendable: many tasks may ask it for locations at once,
/// the first ones finding where its lines start.
@Suite("A source text shared between tasks")
struct SourceSharingTests {
    @Test("locations asked by many tasks at once are the same for each")
    func locations() async {
        let text = SourceText(name: "plan.align", text: "team a\nteam b\n\nmetric m owner=a\n")
        let offsets = Array(0...text.bytes.count)
        let expected = offsets.map { SourceText(name: "plan.align", text: "team a\nteam b\n\nmetric m owner=a\n").location(of: $0) }
        let answers = await withTaskGroup(of: [AlignLanguage.SourceLocation].self) { group in
            for _ in 0..<32 { group.addTask { offsets.map { text.location(of: $0) } } }
            return await group.reduce(into: [] as [[AlignLanguage.SourceLocation]]) { $0.append($1) }
        }
        #expect(answers.count == 32)
        #expect(answers.allSatisfy { $0 == expected })
        #expect(text.location(of: 7) == AlignLanguage.SourceLocation(line: 2, column: 1))
    }
}
