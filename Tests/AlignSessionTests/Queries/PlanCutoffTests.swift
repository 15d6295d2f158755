import AlignCore
import AlignLanguage
import AlignSession
import Testing

/// Plan, actual and forecast around the end of actuals: the default end,
/// figures after it, solve, variance of a plan set top-down, adopt.
@Suite("Plan around the end of actuals")
struct PlanCutoffTests {
    /// Leads by month through June (and a July figure typed in as a
    /// forecast input), a win rate and a deal size for the year, a plan for
    /// leads by month, for the win rate by year and for bookings in Q3.
    static let funnel = """
        team mkt
        team sales
        metric leads owner=mkt unit=count
        metric win_rate owner=sales unit=ratio
        metric deal_size owner=sales unit=USD agg=avg
        metric wins owner=sales unit=count
        metric bookings owner=sales unit=USD
        metric wins = leads[-1m] * win_rate
        metric bookings = wins * deal_size
        value leads 2025-12 1000
        value leads 2026-01 1000
        value leads 2026-02 1100
        value leads 2026-03 1200
        value leads 2026-04 1300
        value leads 2026-05 1400
        value leads 2026-06 1500
        value win_rate 2026 20%
        value deal_size 2026 10000
        plan leads 2026-01 1200
        plan leads 2026-02 1200
        plan leads 2026-03 1200
        plan leads 2026-04 1200
        plan leads 2026-05 1200
        plan leads 2026-06 1200
        plan leads 2026-07 1300
        plan leads 2026-08 1300
        plan leads 2026-09 1300
        plan leads 2026-10 1300
        plan leads 2026-11 1300
        plan leads 2026-12 1300
        plan win_rate 2026 28%
        plan bookings 2026-Q3 9000000
        """

    /// The questions, asked of the forecast as the session asks them.
    static func forecast(_ s: Scripted) -> Analysis {
        let ws = s.workspace
        return Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) })
    }

    /// The rows of a CSV answer, by their first cell.
    static func rows(_ csv: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in csv.split(separator: "\n") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let first = cells.first, rows[first] == nil { rows[first] = cells }
        }
        return rows
    }

    @Test("the default end of actuals is the last month of the finest values, not a rate's year")
    func defaultEnd() {
        let s = Scripted(Self.funnel)
        #expect(s.output.stderr == "")
        #expect(s.workspace.actualsCutoff == nil)
        #expect(s.workspace.actualsEnd == period("2026-06"))
        let out = s.run("goal y_book sales bookings >= 1 by 2026\nquery pacing 2026").out
        #expect(out.contains("actuals through 2026-06, forecast after"))
        #expect(!out.contains("unknown"))
        // Only year values: the year is the finest grain, and it ends the actuals.
        let years = Scripted("metric rate unit=ratio\nvalue rate 2025 10%\nvalue rate 2026 12%")
        #expect(years.workspace.actualsEnd == period("2026-12"))
    }

    @Test("after the end of actuals there is no actual: a period it falls inside shows the actual to date")
    func showAfterCutoff() {
        let s = Scripted(Self.funnel + "\nvalue leads 2026-07 1600\nactuals through 2026-06\nformat csv")
        let rows = Self.rows(s.run("show leads").out)
        // Period, Actual, Plan, Forecast, Variance, Source
        #expect(rows["2026-06"]?[1] == "1500")
        #expect(rows["2026-07"]?[1] == "")
        #expect(rows["2026-07"]?[3] == "1600")
        #expect(rows["2026-07"]?[5] == "forecast: recorded")
        #expect(rows["2026-Q3"]?[1] == "")
        #expect(rows["2026"]?[1] == "7500")
        #expect(rows["2026"]?[5] == "part forecast: rolled up")
        // Where the actuals end is said once, under the table, in the text of a terminal.
        let text = s.run("format table\nshow leads").out
        #expect(text.contains("actuals end with 2026-06: a part forecast holds the actuals through 2026-06"), "\(text)")
        #expect(!text.contains("(actual through"), "\(text)")
    }

    /// Bookings of wins a month after the leads, at a deal size recorded
    /// for the first quarter alone: after March, unknown.
    static let unknownAfterMarch = """
        team s
        metric leads owner=s unit=count
        metric wins owner=s unit=count = leads[-1m] * 0.5
        metric deal_size owner=s unit=USD agg=avg
        metric bookings owner=s unit=USD = wins * deal_size
        value leads 2025-12 100
        value leads 2026-01 100
        value leads 2026-02 100
        value leads 2026-03 100
        value deal_size 2026-01 10
        value deal_size 2026-02 10
        value deal_size 2026-03 10
        plan leads 2026-04 100
        plan leads 2026-05 100
        plan leads 2026-06 100
        actuals through 2026-03
        """

    @Test("show lists the months after the actuals end whose forecast is unknown, with the reason; a what-if says where it cannot be followed")
    func showUnknownForecast() {
        let s = Scripted(Self.unknownAfterMarch + "\nformat csv")
        // Period, Actual, Plan, Forecast, Variance, Source
        let rows = Self.rows(s.run("show bookings").out)
        // 50 wins a month at 10 USD.
        #expect(rows["2026-Q1"]?[3] == "1500")
        #expect(rows["2026-Q2"]?[5] == "forecast: unknown (no deal_size in 2026-04)")
        #expect(rows["2026-05"]?[3] == "" && rows["2026-05"]?[5] == "forecast: unknown (no deal_size in 2026-05)")
        // The half year is unknown too, not the first quarter's deal size times the half's wins.
        #expect(rows["2026-H1"]?[3] == "" && rows["2026-H1"]?[5] == "part forecast: unknown (no deal_size in 2026-04)")
        #expect(rows["2026-H1"]?[1] == "1500", "its actuals to date")
        // A what-if whose change cannot be followed to bookings says so, and why.
        let whatIf = s.run("format table\nwhatif leads = +10% from 2026-04").out
        // (April's leads make May's wins: the change reaches bookings in May.)
        #expect(
            whatIf.contains("bookings has no value in 2026-05 (no value for deal_size in 2026-05): the change cannot be followed to it there"),
            "\(whatIf)")
        #expect(s.run("format json\nwhatif leads = +10% from 2026-04").out.contains("the change cannot be followed to it there"))
        // Where it lands later than the change, through the lag: March's leads make April's wins.
        let later = s.run("format table\nwhatif leads = +10% in 2026-Q1").out
        #expect(later.contains("bookings has no value in 2026-04 (no value for deal_size in 2026-04)"), "\(later)")
        // Where it can be followed, nothing is said: December's leads make January's wins, and bookings.
        #expect(!s.run("whatif leads = +10% in 2025-12").out.contains("cannot be followed"))
    }

    @Test("a what-if that gives a value where there was none says so in its headline: unknown before, known after")
    func whatIfUnknownBefore() {
        let out = Scripted(Self.unknownAfterMarch).run("whatif deal_size = 13 in 2026-Q2").out
        // Wins of 50 a month from the planned leads, at 13 USD: 1,950 USD in the quarter.
        #expect(out.contains("bookings in 2026-Q2: unknown before (no value for deal_size in 2026-04), 1,950 USD after"), "\(out)")
        // The table gives the value it now has where there was none, not a question mark.
        #expect(out.contains("new: 1,950 USD") && !out.contains("?"), "\(out)")
    }

    @Test("show scenarios says revenue is unknown, and why, where it is unknown before or after; show folds 'not planned' into the reason")
    func scenariosUnknownRevenue() {
        let s = Scripted(Self.unknownAfterMarch + "\nmetric revenue unit=USD = bookings\nwhatif leads = +10% from 2026-04 as more")
        let out = s.run("show scenarios").out
        #expect(
            out.contains("more      leads = +10% from 2026-04  2026    unknown (no deal_size in 2026-04)  unknown (no deal_size in 2026-04)"),
            "\(out)")
        // In JSON the cells are null, and a line says why, named by row and column.
        let json = s.run("format json\nshow scenarios").out
        #expect(json.contains("\"before\":null") && json.contains("\"more 2026 before: unknown (no deal_size in 2026-04)\""), "\(json)")
        s.run("format table")
        // One pair of parentheses, not two in a row.
        let deal = s.run("show deal_size").out
        #expect(deal.contains("forecast: unknown (no deal_size in 2026-04; not planned)"), "\(deal)")
        #expect(!deal.contains(") (not planned)"), "\(deal)")
    }

    @Test("an average that meets its plan but for the last bits of arithmetic is on plan: no variance of 2.776e-17")
    func roundingIsNoVariance() {
        let s = Scripted(
            """
            team m
            metric rate owner=m unit=ratio
            value rate 2026-01 0.1
            value rate 2026-02 0.2
            value rate 2026-03 0.3
            plan rate 2026-Q1 0.2
            format csv
            """)
        // (0.1 + 0.2 + 0.3) / 3 is 0.2 and 2.8e-17 in binary floating point.
        let parts: [Double] = [0.1, 0.2, 0.3]
        let mean: Double = parts.reduce(0, +) / 3
        #expect(mean != 0.2)
        #expect(Self.rows(s.run("show rate").out)["2026-Q1"]?[4] == "0")
        let out = s.run("format table\nquery variance rate in 2026-Q1").out
        #expect(out.contains("on plan: nothing to split") && !out.contains("e-17"), "\(out)")
    }

    @Test("a what-if kept as a scenario questions a share above 100% once, as one not kept does")
    func scenarioQuestionedOnce() {
        let s = Scripted(Self.funnel)
        let kept = s.run("whatif win_rate = 30 in 2026-Q4 as a").err
        #expect(kept.components(separatedBy: "did you mean 30%?").count == 2, "\(kept)")
        let plain = s.run("whatif win_rate = 30 in 2026-Q4").err
        #expect(plain.components(separatedBy: "did you mean 30%?").count == 2, "\(plain)")
    }

    @Test("a variance over a range (the year to date) adds up the months' values and their shares, worked by hand")
    func varianceOverRange() throws {
        let s = Scripted(
            """
            team s
            metric leads owner=s unit=count
            metric price owner=s unit=USD agg=avg
            metric revenue owner=s unit=USD = leads * price
            value leads 2026-01 100
            value leads 2026-02 110
            value leads 2026-03 120
            value price 2026-01 10
            value price 2026-02 12
            value price 2026-03 10
            plan leads 2026-01 100
            plan leads 2026-02 100
            plan leads 2026-03 100
            plan price 2026-Q1 10
            """)
        // Actual 1,000 + 1,320 + 1,200 = 3,520 against 3,000. February splits by
        // Shapley: leads 10 × (10 + 12) / 2 = 110, price 2 × (110 + 100) / 2 = 210;
        // March is leads' alone, 20 × 10 = 200. So leads 310, price 210.
        let answer = s.analysis.variance(of: s.metric("revenue"), in: period("2026-01")...period("2026-03"))
        #expect(answer.actual == .known(3520) && answer.plan == .known(3000) && answer.periodText == "2026-01 .. 2026-03")
        let shares = Dictionary(uniqueKeysWithValues: answer.shares.map { (s.names([$0.driver])[0], $0.amount) })
        #expect(abs(shares["leads"]! - 310) < 1e-9 && abs(shares["price"]! - 210) < 1e-9, "\(shares)")
        // The same months asked as their quarter give the same answer.
        let quarter = s.analysis.variance(of: s.metric("revenue"), in: period("2026-Q1"))
        #expect(quarter.difference == answer.difference)
        // The price moved in February alone, and is read in every month: its quarter's figures are shown.
        let price1 = try #require(quarter.shares.first { $0.driver == s.metric("price") })
        #expect(price1.from == period("2026-01") && price1.through == period("2026-03"))
        #expect(abs(price1.actual! - 32.0 / 3) < 1e-12 && price1.plan == 10)
        // An average over the range: the mean of the months, (10 + 12 + 10) / 3 against 10.
        let price = s.analysis.variance(of: s.metric("price"), in: period("2026-01")...period("2026-03"))
        #expect(abs(price.actual.number! - 32.0 / 3) < 1e-12 && price.plan == .known(10))
        let text = s.run("query variance revenue in 2026-01..2026-03").out
        #expect(text.contains("revenue in 2026-01 .. 2026-03: actual against plan"), "\(text)")
        #expect(text.contains("revenue 3,520 USD against a plan of 3,000 USD: +520 USD (+17.3%)"), "\(text)")
        // Where one period is taken, a range is said to be one.
        #expect(s.run("query gaps 2026-01..2026-03").err.contains("'2026-01..2026-03' is a range of periods: this takes one period"))
    }

    @Test("a metric nobody planned shows no plan and no variance, and says it is not planned")
    func showUnplanned() {
        let s = Scripted(Self.funnel + "\nformat csv")
        // Period, Actual, Plan, Forecast, Variance, Source
        let deal = Self.rows(s.run("show deal_size").out)
        #expect(deal["2026"]?[1] == "10000")
        #expect(deal["2026"]?[2] == "", "the plan takes the actual as it is: not a plan to show")
        #expect(deal["2026"]?[4] == "")
        #expect(deal["2026"]?[5] == "part forecast: recorded (not planned)")
        let rate = Self.rows(s.run("show win_rate").out)
        #expect(rate["2026"]?[2] == "0.28")
        #expect(rate["2026"]?[5] == "part forecast: recorded")
        // Before the plan starts: history, with no plan column and no mark.
        let leads = Self.rows(s.run("show leads").out)
        #expect(leads["2025-12"]?[2] == "")
        #expect(leads["2025-12"]?[5] == "recorded")
        #expect(leads["2026-01"]?[2] == "1200")
    }

    @Test("a review's findings: a ceiling paced over or under, an unplanned metric not called on plan, a top-down plan marked")
    func reviewFindings() {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\ngoal cap sales leads <= 7000 by 2026-H1")
        // Leads in 2026-H1: 1,000 + 1,100 + ... + 1,500 = 7,500 against a ceiling of 7,000.
        let pacing = s.run("query pacing 2026-H1").out
        #expect(pacing.contains("off track, over by 500"), "\(pacing)")
        #expect(!pacing.contains("short by"), "\(pacing)")
        let deal = s.run("query variance deal_size in 2026-Q2").out
        #expect(deal.contains("no plan value of its own falls in 2026-Q2"), "\(deal)")
        #expect(!deal.contains("on plan"), "\(deal)")
        let show = Self.rows(s.run("format csv\nshow bookings").out)
        #expect(show["2026-Q3"]?.last?.hasSuffix("(plan set top-down)") == true, "\(show["2026-Q3"] ?? [])")
        #expect(show["2026-07"]?.last?.contains("top-down") == false)
    }

    @Test("without a period, an answer is for the latest period of values before the actuals end, not a forecast input's")
    func defaultPeriodBeforeTheEnd() {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\nvalue leads 2026-07 1600")
        let out = s.run("query variance bookings").out
        #expect(out.hasPrefix("bookings in 2026-06: actual against plan"), "\(out)")
        // With no end set, the latest value as before.
        #expect(Scripted(Self.funnel).run("query variance wins").out.hasPrefix("wins in 2026-06:"))
    }

    @Test("a formula metric that keeps part of its variance says why its drivers do not explain it")
    func keepsItself() {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\nvalue bookings 2026-05 2000000")
        let out = s.run("query variance bookings in 2026-Q2").out
        #expect(out.contains("bookings keeps "), "\(out)")
        #expect(out.contains("a value of its own recorded or planned inside the period"), "\(out)")
        #expect(!s.run("query variance bookings in 2026-Q1").out.contains("bookings keeps "))
    }

    @Test("help for a word a command goes on with names the command")
    func helpForAQueryKind() {
        let s = Scripted("")
        let err = s.run("help pacing").err
        #expect(err.contains("'pacing' is not a command but part of 'query pacing': try 'help query'"), "\(err)")
        #expect(s.run("help bogus").err.contains("unknown command 'bogus'"))
    }

    @Test("adopt warns where a value recorded after the actuals keeps the forecast from the plan adopted")
    func adoptUnderRecordedValue() {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\nvalue deal_size 2026-Q4 12000\nwhatif deal_size = 13000 in 2026-Q4 as big")
        let err = s.run("adopt big").err
        #expect(err.contains("deal_size has a value recorded after actuals end (2026-Q4 12,000): the forecast keeps it"), "\(err)")
        // Without such a value, no warning.
        let t = Scripted(Self.funnel + "\nactuals through 2026-06\nwhatif leads = +10% from 2026-10 as more")
        #expect(!t.run("adopt more").err.contains("recorded after actuals end"))
    }

    @Test("variance names its column Forecast for a forecast period, Actual for a closed one")
    func varianceColumn() {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06")
        let q3 = s.run("query variance bookings in 2026-Q3").out
        #expect(q3.contains("bookings in 2026-Q3: forecast (actuals end with 2026-06) against plan"))
        #expect(q3.contains("Forecast"))
        #expect(!q3.contains("Actual"))
        // A year the end falls inside is part forecast; a closed quarter is actual.
        let cases = [
            ("2026", "forecast (actuals through 2026-06, forecast after)", "Forecast"),
            ("2026-Q1", "actual", "Actual"),
        ]
        for (p, heading, column) in cases {
            let out = s.run("query variance leads in \(p)").out
            #expect(out.contains("leads in \(p): \(heading) against plan") && out.contains(column), "\(out)")
        }
    }

    @Test("a share that comes from earlier periods names them, and leaves out the driver's figures in the period asked")
    func varianceFrom() throws {
        // wins = leads[-1m] * win_rate: Q2's wins are made of March to May's
        // leads (March's as planned, so its part is nothing, and it is read all the same).
        let s = Scripted(Self.funnel)
        let answer = s.analysis.variance(of: s.metric("wins"), in: period("2026-Q2"))
        let leads = try #require(answer.shares.first { $0.driver == s.metric("leads") })
        #expect(leads.from == period("2026-03") && leads.through == period("2026-05"))
        #expect(leads.actual == nil && leads.plan == nil)
        // The win rate's share is of each month of the quarter: its quarter's figures are shown.
        let rate = try #require(answer.shares.first { $0.driver == s.metric("win_rate") })
        #expect(rate.from == period("2026-04") && rate.through == period("2026-06"))
        #expect(rate.actual == 0.2 && rate.plan == 0.28)
        let out = s.run("format csv\nquery variance wins in 2026-Q2").out
        #expect(out.contains("driver,team,periods,actual,plan,amount,part"), "\(out)")
        #expect(out.contains("leads,mkt,2026-03 .. 2026-05,,,"), "\(out)")
        #expect(out.contains("win_rate,sales,2026-04 .. 2026-06,0.2,0.28,"), "\(out)")
    }

    @Test("a plan set top-down: the forecast splits by driver against the driver-implied plan, the rest is its own line")
    func varianceTopDown() throws {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06")
        // Over months, the quarter's top-down plan is not theirs: said, and not compared with.
        let months = s.run("query variance bookings in 2026-07..2026-09").out
        #expect(months.contains("bookings has a plan of its own for 2026-Q3 (9,000,000 USD), set top-down: the periods asked keep"), "\(months)")
        #expect(!months.contains("plan set top-down)"), "\(months)")
        // Over quarters, it is, and the answer says which quarter's.
        let quarters = s.run("query variance bookings in 2026-Q2..2026-Q3").out
        #expect(quarters.contains("bookings has a plan of its own for 2026-Q3 (9,000,000 USD), which makes its plan over 2026-Q2 .. 2026-Q3"), "\(quarters)")
        let answer = s.analysis.variance(of: s.metric("bookings"), in: period("2026-Q3"))
        // Forecast: leads 1500, 1300, 1300 (June, July, August) × 20% × 10,000.
        #expect(answer.actual == .known(8_200_000))
        #expect(answer.plan == .known(9_000_000))
        // Driver-implied plan: leads 1200, 1300, 1300 × 28% × 10,000.
        let implied = try #require(answer.impliedPlan?.number)
        #expect(abs(implied - 10_640_000) < 1e-6)
        let top = try #require(answer.shares.first { $0.topDown })
        #expect(abs(top.amount - 1_640_000) < 1e-6)
        #expect(top.driver == s.metric("bookings"))
        let drivers = answer.shares.filter { !$0.topDown }.map(\.driver)
        #expect(Set(drivers) == [s.metric("leads"), s.metric("win_rate")])
        #expect(!answer.shares.contains { $0.driver == s.metric("bookings") && !$0.topDown })
        // Shapley, by hand: leads +300 (June), win rate -8pp, deal size fixed.
        // leads: 300 × (0.2 + 0.28) / 2 × 10,000 = 720,000.
        let leads = try #require(answer.shares.first { $0.driver == s.metric("leads") })
        #expect(abs(leads.amount - 720_000) < 1e-6)
        let sum = answer.shares.reduce(0) { $0 + $1.amount }
        #expect(abs(sum - (8_200_000 - 9_000_000)) < 1e-6)
        let out = s.run("query variance bookings in 2026-Q3").out
        #expect(out.contains("bookings (plan set top-down)"))
        #expect(out.contains("its drivers' plans imply 10,640,000 USD"))
        // The line's Forecast cell is empty: the driver-implied plan is not a forecast.
        let line = try #require(out.split(separator: "\n").first { $0.contains("(plan set top-down)") })
        #expect(!line.contains("10,640,000") && line.contains("9,000,000"), "\(line)")
        // By team, the top-down line stays apart from its team's drivers, named with the team its row gives.
        #expect(out.contains("by team: ") && out.contains("the top-down plan (sales) +1,640,000"), "\(out)")
    }

    @Test("solve holds the driver's closed periods; over moves them")
    func solveHoldsActuals() throws {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06")
        let bookings = s.metric("bookings")
        let leads = s.metric("leads")
        guard case .periods(let held) = Self.forecast(s).solve(bookings, to: 9_000_000, by: leads, in: period("2026-Q3")) else {
            Issue.record("expected a solve across periods")
            return
        }
        #expect(held.held == [period("2026-06")])
        #expect(held.parts.map(\.period) == [period("2026-07"), period("2026-08")])
        let solved = try #require(held.solvedParts)
        // June stays 1500: 1500 + x + x = 9,000,000 / 2,000 → x = 1500.
        #expect(abs(solved[0] - 1_500) < 1e-6 && abs(solved[1] - 1_500) < 1e-6)
        let out = s.run("solve bookings = 9M in 2026-Q3 by leads").out
        #expect(out.contains("held as actuals (through 2026-06), not moved: the leads of 2026-06"))
        guard
            case .periods(let all) = Self.forecast(s).solve(
                bookings, to: 9_000_000, by: leads, in: period("2026-Q3"), over: period("2026-06")...period("2026-08"))
        else {
            Issue.record("expected a solve across periods")
            return
        }
        #expect(all.held.isEmpty)
        #expect(all.parts.map(\.period) == [period("2026-06"), period("2026-07"), period("2026-08")])
        // Every period closed: nothing to move, and it says so.
        let closed = s.run("solve bookings = 9M in 2026-Q2 by leads").out
        #expect(closed.contains("every period of leads that reaches bookings in 2026-Q2 is closed"))
    }

    @Test("adopt builds on the forecast, says so, and keeps the year's plan in line with its quarters, in one step")
    func adoptKeepsGrains() throws {
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\nwhatif win_rate = +5pp from 2026-Q3 as bold")
        let rate = s.metric("win_rate")
        let adoption = Self.forecast(s).adoption(of: try #require(s.workspace.scenario(named: "bold")))
        // 20% (the forecast) + 5pp, not 28% (the plan) + 5pp.
        #expect(adoption.written.allSatisfy { $0.metric == rate && abs($0.value - 0.25) < 1e-12 })
        #expect(adoption.replaced.map(\.period) == [period("2026")])
        #expect(adoption.carried.map(\.period) == [period("2026-H1")])
        #expect(adoption.carried.allSatisfy { abs($0.value - 0.28) < 1e-12 })
        let before = s.workspace.planList(of: rate).map(\.period)
        s.run("adopt bold")
        #expect(s.workspace.plan(of: rate, in: period("2026")) == nil)
        let plan = Evaluator(s.workspace, layer: .plan)
        let year = try #require(plan.value(rate, in: period("2026")).number)
        #expect(abs(year - (0.28 + 0.28 + 0.25 + 0.25) / 4) < 1e-12)
        #expect(abs((plan.value(rate, in: period("2026-H1")).number ?? 0) - 0.28) < 1e-12)
        // At the prompt: the answer names the base and the plan value replaced; one undo takes it all back.
        var options = SessionOptions()
        options.undo = true
        options.interactive = true
        let output = CapturedOutput()
        let prompt = Session(options: options, output: output)
        prompt.run(SourceText(name: "funnel.align", text: Self.funnel + "\nactuals through 2026-06"))
        for line in ["whatif win_rate = +5pp from 2026-Q3 as bold", "adopt bold"] {
            prompt.run(SourceText(name: Session.promptName, text: line))
        }
        #expect(output.stdout.contains("its changes applied to the forecast, as 'compare' showed them"))
        #expect(output.stdout.contains("replaced the plan of win_rate for 2026 (0.28) with 2026-H1 0.28"))
        // Spent: a second adopt would add the 5 points again, on top of themselves.
        let adopted = prompt.workspace.planList(of: rate)
        #expect(prompt.workspace.scenario(named: "bold") == nil)
        for line in ["adopt bold", "compare bold on win_rate in 2026"] {
            prompt.run(SourceText(name: Session.promptName, text: line))
            #expect(output.stderr.contains("scenario 'bold' was adopted: its figures are the plan now"))
        }
        #expect(prompt.workspace.planList(of: rate).map(\.value) == adopted.map(\.value))
        prompt.run(SourceText(name: Session.promptName, text: "undo"))
        #expect(prompt.workspace.planList(of: rate).map(\.period) == before)
        #expect(prompt.workspace.plan(of: rate, in: period("2026")) == 0.28)
        #expect(prompt.workspace.scenario(named: "bold") != nil)
    }

    @Test("with no plan at all, pacing leaves the plan to date empty instead of comparing the actuals with themselves")
    func pacingWithoutPlan() throws {
        let s = try Scripted.scenario()
        let output = s.output
        s.run("format csv")
        s.run("query pacing 2026-Q3")
        let rows = output.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(rows.first?.firstIndex(of: "plan_to_date"))
        #expect(rows.count > 1 && rows.dropFirst().allSatisfy { $0.count > column && $0[column].isEmpty }, "\(output.stdout)")
        #expect(!output.stdout.contains("against the plan to date"))
        #expect(output.stderr.isEmpty)
    }

    @Test("a scenario may not be named as a column of compare")
    func reservedNames() {
        for name in ["today", "period", "Today", "push_change"] {
            let s = Scripted(Self.funnel)
            let err = s.run("whatif win_rate = +5pp from 2026-Q3 as \(name)").err
            #expect(err.contains("'\(name)' names a column of 'compare'"), "\(name): \(err)")
            #expect(s.workspace.scenarios.isEmpty)
        }
    }

    @Test("actuals through a period after the last actual warns that plan figures fill the gap, and is kept")
    func cutoffAfterActuals() {
        let s = Scripted(Self.funnel)
        let err = s.run("actuals through 2026-09").err
        #expect(err.contains("no actual is recorded after 2026-06: from 2026-07 through 2026-09, forecasts come from the plan, and pacing has no actual to date there"), "\(err)")
        #expect(s.workspace.actualsCutoff == period("2026-09"))
        #expect(s.run("actuals through 2026-05").err == "")
    }

    @Test("adopt writes a plan value without the rounding noise of its arithmetic")
    func adoptCleansNoise() {
        let s = Scripted(Self.funnel + "\nwhatif leads = +10% from 2026-07 as push\nadopt push")
        let july = s.workspace.planList(of: s.metric("leads")).first { $0.period == period("2026-07") }
        #expect(july?.value == 1430, "\(String(describing: july))")
        // As save writes it.
        #expect(ScriptPrinter.script(s.workspace).contains("plan leads 2026-07 1430\n"))
    }

    @Test("adopting a scenario that changes closed periods warns that their plan is rewritten after the fact")
    func adoptClosedWarns() {
        let s = Scripted(Self.funnel)
        let closed = s.run("whatif win_rate = +5pp in 2026-Q2 as late\nadopt late").err
        #expect(closed.contains("the scenario changes periods whose actuals are in (2026-Q2; actuals end with 2026-06)"), "\(closed)")
        // Later periods only: no word of closed ones (bookings' top-down Q3 plan is another warning's).
        let ahead = s.run("whatif win_rate = +5pp from 2026-07 as ahead\nadopt ahead").err
        #expect(!ahead.contains("whose actuals are in"), "\(ahead)")
    }

    @Test("a plan set top-down for a quarter is phased over its months as the drivers' plans are, to date")
    func planToDatePhased() throws {
        let s = Scripted(Self.funnel + "\ngoal q3_book sales bookings >= 1 by 2026-Q3")
        func planToDate(_ through: String) -> Double? {
            _ = s.run("actuals through \(through)")
            return s.analysis.pacing(in: period("2026-Q3")).first?.planToDate?.number
        }
        // What the drivers' plans imply, month by month, without the top-down 9M.
        let bare = Scripted(Self.funnel.replacingOccurrences(of: "plan bookings 2026-Q3 9000000", with: ""))
        let implied = Evaluator(bare.workspace, layer: .plan)
        let bookings = s.metric("bookings")
        let months = try ["2026-07", "2026-08", "2026-09"].map { try #require(implied.value(bookings, in: period($0)).number) }
        let quarter = months.reduce(0, +)
        let july = try #require(planToDate("2026-07"))
        let august = try #require(planToDate("2026-08"))
        #expect(abs(july - 9_000_000 * months[0] / quarter) < 1e-6)
        #expect(abs(august - 9_000_000 * (months[0] + months[1]) / quarter) < 1e-6)
        #expect(planToDate("2026-09") == 9_000_000)
    }

    @Test("compare names a scenario once; a snapshot may not take a scenario's name")
    func scenarioNamesOnce() {
        let s = Scripted(Self.funnel + "\nwhatif win_rate = +5pp from 2026-Q3 as push")
        #expect(s.run("compare push push on bookings in 2026-Q3").err.contains("'push' is already compared"))
        let snap = s.run("snapshot push")
        #expect(snap.err.contains("'push' is a scenario: give the snapshot another name"), "\(snap.err)")
        #expect(!s.run("diff push").err.isEmpty, "no snapshot was kept under the name")
    }

    @Test("the note that figures are forecast comes only under an answer that shows one")
    func forecastNote() {
        let s = Scripted(
            Self.funnel + """

                actuals through 2026-06
                goal q1_leads mkt leads >= 3000 by 2026-Q1
                goal q2_book sales bookings >= 1 by 2026-Q2
                """)
        let closed = s.run("query consistency 2026-Q2").out
        #expect(closed.contains("q2_book"))
        #expect(!closed.contains("are forecast"))
        s.run("goal q3_leads mkt leads >= 3000 by 2026-Q3\ngoal q4_book sales bookings >= 1 by 2026-Q4")
        let open = s.run("query consistency 2026-Q4").out
        #expect(open.contains("q4_book"))
        #expect(open.contains("figures after 2026-06 are forecast"))
    }
}
