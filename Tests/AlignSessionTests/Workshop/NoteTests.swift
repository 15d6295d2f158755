import AlignCore
import AlignLanguage
import AlignSession
import Testing

/// `note` and `decide`: kept in order with their time, saved, listed.
@Suite("Notes and decisions")
struct NoteTests {
    static let entries = """
        note "Sales wants MQL to mean a booked meeting" at=10:05
        decide "MQL means a booked first meeting" at="10:40"
        note "revisit nps next quarter"
        decide "Marketing owns leads and mqls; sales owns everything after the hand-off"
        """

    @Test("show notes and show decisions number each kind in order, with the time where given")
    func listing() throws {
        let w = try WorkshopSession()
        w.run(Self.entries)
        #expect(
            w.run("show notes").out == """
                #  At     Text
                -  -----  ----------------------------------------
                1  10:05  Sales wants MQL to mean a booked meeting
                2         revisit nps next quarter

                """)
        #expect(
            w.run("show decisions").out == """
                #  At     Text
                -  -----  -----------------------------------------------------------------------
                1  10:40  MQL means a booked first meeting
                2         Marketing owns leads and mqls; sales owns everything after the hand-off

                """)
        #expect(w.run("show").out.contains("2 notes, 2 decisions"))
    }

    @Test("save keeps them in the order they were taken, and the script reads back the same")
    func saved() throws {
        let w = try WorkshopSession()
        w.run(Self.entries + "\nsave plan.align")
        let saved = try w.read("plan.align")
        #expect(
            saved.hasSuffix(
                """
                # Notes and decisions
                note "Sales wants MQL to mean a booked meeting" at="10:05"
                decide "MQL means a booked first meeting" at="10:40"
                note "revisit nps next quarter"
                decide "Marketing owns leads and mqls; sales owns everything after the hand-off"

                """))
        let again = try WorkshopSession(scenario: false)
        again.session.options.workingDirectory = w.folder.path
        #expect(again.run("run plan.align").err == "")
        #expect(again.script == w.script)
        #expect(again.session.workspace.notes == w.session.workspace.notes)
    }

    @Test("text with quotes and line breaks survives a save")
    func escaping() throws {
        let w = try WorkshopSession(scenario: false)
        w.run(#"note "the \"board number\" is\n2.5M" at="Tue 10:05""#)
        let note = try #require(w.session.workspace.notes.first)
        #expect(note.text == "the \"board number\" is\n2.5M" && note.time == "Tue 10:05")
        #expect(w.script.contains(#"note "the \"board number\" is\n2.5M" at="Tue 10:05""#))
    }

    @Test("remove note N and remove decision N; a number out of range is an error")
    func remove() throws {
        let w = try WorkshopSession()
        w.run(Self.entries)
        w.run("remove note 1")
        #expect(w.session.workspace.notes.map(\.text).first == "MQL means a booked first meeting")
        let (_, err) = w.run("remove decision 3")
        #expect(err.contains("error: there is no decision 3 (there are 2)"))
        w.run("undo")
        #expect(w.session.workspace.notes.count == 4)
    }

    @Test("at the prompt, each is confirmed with its number")
    func confirmations() throws {
        let w = try WorkshopSession(interactive: true)
        #expect(w.run("note \"one\"").out == "note 1 recorded\n")
        #expect(w.run("decide \"two\"").out == "decision 1 recorded\n")
        #expect(w.run("note \"three\"").out == "note 2 recorded\n")
    }
}
