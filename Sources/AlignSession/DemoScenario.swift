/// The reference scenario, built into the binary for `--demo`. It is the
/// text of examples/seed-scenario.align; a test keeps the two identical.
enum DemoScenario {
    static let text = #"""
# The reference scenario: two teams, one revenue, two languages.
# Every line here must run as written. The comments at the end say what
# the alignment queries must find in it.

team marketing horizon=year    "Builds awareness and lead flow for future quarters"
team sales     horizon=quarter "Closes this quarter's number"

term MQL "A lead that scored above the fit-and-interest threshold" by=marketing
term MQL "A lead that has booked a first meeting" by=sales
term SQL "A lead that sales accepted and qualified: budget, need, timing" by=sales

metric leads           owner=marketing unit=count
metric mql_rate        owner=marketing unit=ratio
metric mqls            owner=marketing unit=count term=MQL
metric sql_rate        owner=sales     unit=ratio "Share of MQLs that sales accepts"
metric sqls            owner=sales     unit=count term=SQL
metric win_rate        owner=sales     unit=ratio
metric deal_size       owner=sales     unit=USD
metric revenue         unit=USD
metric brand_awareness owner=marketing unit=percent
metric nps             owner=marketing unit=score

metric mqls    = leads * mql_rate
metric sqls    = mqls * sql_rate
metric revenue = sqls * win_rate * deal_size

link brand_awareness -> leads lag=2q "Awareness today fills the funnel two quarters later"

value leads     2026-Q3 4000
value mql_rate  2026-Q3 25%
value sql_rate  2026-Q3 40%
value win_rate  2026-Q3 25%
value deal_size 2026-Q3 20k

goal q3_bookings sales     revenue >= 2.5M by 2026-Q3 "The board number"
goal q3_mqls     marketing mqls    >= 900  by 2026-Q3
goal nps_up      marketing nps     >= 40   by 2026-Q4

# What the queries must find (the wording is the shell's own):
#   tree revenue in 2026-Q3       revenue 2,000,000 = sqls 400 * win_rate 0.25 * deal_size 20,000;
#                                 sqls 400 = mqls 1,000 * sql_rate 0.4; mqls 1,000 = leads 4,000 * mql_rate 0.25
#   query orphans                 nps has no path to revenue; goal nps_up sits on it
#   query conflicts               MQL has two definitions (marketing, sales); metric mqls uses it
#   query handoffs                mqls (marketing) drives sqls (sales): the hand-off between the teams
#   query horizons                q3_bookings (sales, quarter) depends on brand_awareness through a 2q lag
#   query gaps 2026-Q3            q3_bookings: 2,000,000 against 2,500,000, short by 500,000 (20%)
#   query consistency 2026-Q3     q3_mqls (900 mqls) implies revenue 1,800,000, below q3_bookings' 2,500,000;
#                                 meeting q3_bookings takes 1,250 mqls
#   whatif win_rate = 30% in 2026-Q3     revenue 2,400,000 (+400,000)
#   solve revenue = 2.5M by leads in 2026-Q3     leads 5,000
#   query drivers revenue in 2026-Q3     leads, mql_rate, sql_rate, win_rate, deal_size each move revenue
#                                        by 10% for a 10% change; brand_awareness only through a link

"""#
}
