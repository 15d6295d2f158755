import AlignOutput
import AlignSession
import Foundation
import Testing

/// `chart` and `tree`: pictures on the terminal.
@Suite("Charts and trees")
struct PictureTests {
    @Test("chart: a bar a period, the goal's target marked in its period, green or red by the verdict")
    func chart() throws {
        let w = try WorkshopSession()
        w.run(
            """
            value leads 2026-Q1 3000
            value leads 2026-Q2 3600
            goal q2_leads marketing leads >= 3000 by 2026-Q2
            goal q3_leads marketing leads >= 4800 by 2026-Q3
            """)
        let (out, err) = w.run("chart leads")
        #expect(err == "")
        #expect(
            out == """
                leads (count) by quarter
                2026-Q1  ██████████████████████▌               3,000
                2026-Q2  ██████████████████████┃████           3,600  ✓ q2_leads >= 3,000
                2026-Q3  ██████████████████████████████     ┃  4,000  ✗ q3_leads >= 4,800
                         0                              4,800
                         ┃ goal target   ✓ met   ✗ missed

                """)
    }

    @Test("chart: a computed metric, and a goal in a period with no value")
    func computedAndMissing() throws {
        let w = try WorkshopSession()
        #expect(w.run("chart revenue").out.contains("2026-Q3  ████████████████████████████▊      ┃  2,000,000 USD  ✗ q3_bookings >= 2,500,000 USD"))
        #expect(w.run("chart nps").out.contains("2026-Q4                                     ┃  no value  ? nps_up >= 40"))
        #expect(w.run("chart brand_awareness").out.contains("no values yet: record some with 'value brand_awareness PERIOD NUMBER'"))
        #expect(w.run("chart nosuch").err.contains("unknown metric 'nosuch'"))
    }

    @Test("chart in colour: the bar is green when the goal is met, the target bold")
    func colour() throws {
        let w = try WorkshopSession()
        w.session.options.style = Style(enabled: true)
        let out = w.run("chart mqls").out
        #expect(out.contains("\u{1B}[32m███████████████████████████████\u{1B}[0m\u{1B}[1m┃\u{1B}[0m"))
    }

    @Test("chart as CSV: the numbers, raw")
    func csv() throws {
        let w = try WorkshopSession()
        let out = w.run("format csv\nchart revenue").out
        #expect(out == "period,value,goal,comparison,target,met\n2026-Q3,2000000,q3_bookings,>=,2500000,false\n")
    }

    @Test("tree marks goals met and missed")
    func treeMarks() throws {
        let w = try WorkshopSession()
        let out = w.run("tree").out
        #expect(out.contains("revenue 2,000,000 USD = sqls 400 * win_rate 0.25 * deal_size 20,000 USD ✗ q3_bookings >= 2,500,000 USD"))
        #expect(out.contains("mqls 1,000 [marketing] = leads 4,000 * mql_rate 0.25 ✓ q3_mqls >= 900"))
    }
}
