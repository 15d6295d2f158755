import AlignCore
import AlignLanguage
import AlignSession
import Glibc

// Times interactive work inside one process, on a workspace loaded from a
// script: each query, a what-if, a solve, an undo and Tab completion. Not part
// of the shipped `align`; scripts/bench runs it and reads its output, one
// line per measurement: NAME<TAB>MEDIAN_MS<TAB>FIRST_MS<TAB>RUNS.

/// Output that is counted and thrown away, so rendering still happens.
final class CountingOutput: OutputSink {
    var bytes = 0
    var errors: [String] = []
    func out(_ text: String) { bytes += text.utf8.count }
    func err(_ text: String) { errors.append(text) }
    func flush() {}
}

/// The clock: wall time, or with ALIGN_BENCH_CPU set, the process's CPU
/// time, which a shared, busy machine disturbs less.
let clock = getenv("ALIGN_BENCH_CPU") != nil ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC

func now() -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

/// Runs the work being measured and returns its time in milliseconds. Every
/// measurement goes through here, so that valgrind can count the
/// instructions of the measured work alone:
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*' .build/release/align-bench ...`
@inline(never)
func measured(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return now() - start
}

func report(_ name: String, _ times: [Double]) {
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    print("\(name)\t\(median)\t\(times[0])\t\(times.count)")
}

@MainActor
func benchmark() {
    // The allocator as the shipped executable sets it.
    ProcessMemory.mapLargeBlocksApart()
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
        print("usage: align-bench SCRIPT [RUNS [NAME...]]")
        Glibc.exit(2)
    }
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
    // Names after RUNS pick the measurements to take (by prefix), for profiling one.
    let only = arguments.dropFirst(3).prefix { $0 != "--commands" }
    func wanted(_ name: String) -> Bool { only.isEmpty || only.contains { name.hasPrefix($0) } }
    let output = CountingOutput()
    var options = SessionOptions()
    options.undo = true
    // As at the prompt of a terminal: boxed tables, which show the first rows
    // of a long answer (the csv measurements below print every row).
    options.interactive = true
    options.boxed = true
    let session = Session(options: options, output: output)

    let loadStart = now()
    guard session.runFile(arguments[1]) else {
        print("error: the script failed: \(output.errors.joined())")
        Glibc.exit(1)
    }
    report("load", [now() - loadStart])

    /// Runs a command `runs` times and reports the times; stops on an error.
    /// Times `line`; `before` (given the run's number) runs first, untimed.
    func time(_ name: String, _ line: String, before: ((Int) -> String)? = nil, format: OutputFormat = .table) {
        guard wanted(name) else { return }
        var times: [Double] = []
        session.options.format = format
        defer { session.options.format = .table }
        for _ in 0..<runs {
            if let before { session.run(SourceText(name: "<bench>", text: before(times.count))) }
            var ok = true
            times.append(measured { ok = session.run(SourceText(name: "<bench>", text: line)) })
            if !ok {
                print("error: \(line): \(output.errors.joined())")
                Glibc.exit(1)
            }
        }
        report(name, times)
    }

    // `--commands FILE`: time the commands of FILE instead (NAME, a tab, the
    // command; a third field, after another tab, runs untimed before each).
    if let flag = arguments.firstIndex(of: "--commands"), flag + 1 < arguments.count {
        let file = arguments[flag + 1]
        guard let bytes = try? FileSystem.read(file) else {
            print("error: cannot read \(file)")
            Glibc.exit(1)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            if fields.count > 2 {
                let setup = fields[2]
                time(fields[0], fields[1]) { run in setup.split(separator: "%RUN%", omittingEmptySubsequences: false).joined(separator: String(run)) }
            } else {
                time(fields[0], fields[1])
            }
        }
        return
    }

    let period = "2026-Q3"
    let monthly = "2026-Q2"
    // The engine alone: every metric evaluated by a new evaluator, in a
    // quarter of recorded values and in a quarter that rolls up months.
    for (name, text) in [("evaluate every metric (quarter)", period), ("evaluate every metric (months)", monthly)]
    where wanted(name) {
        let workspace = session.workspace
        let ids = workspace.metrics.ids
        let p = Period(text)!
        var times: [Double] = []
        for _ in 0..<runs {
            times.append(
                measured {
                    let evaluator = Evaluator(workspace)
                    for id in ids { _ = evaluator.value(id, in: p) }
                })
        }
        report(name, times)
    }
    time("query orphans", "query orphans")
    time("query conflicts", "query conflicts")
    time("query handoffs", "query handoffs")
    time("query horizons", "query horizons")
    time("query gaps", "query gaps \(period)")
    time("query consistency", "query consistency \(period)")
    time("query path", "query path leads_000042 revenue")
    time("query drivers", "query drivers rev_000042 in \(period)")
    time("query drivers revenue", "query drivers revenue in \(period)")
    time("query handoffs, csv (every row)", "query handoffs", format: .csv)
    time("query horizons, csv (every row)", "query horizons", format: .csv)
    time("query gaps, csv (every row)", "query gaps \(period)", format: .csv)
    time("query consistency, csv (every row)", "query consistency \(period)", format: .csv)
    time("query drivers revenue, csv (every row)", "query drivers revenue in \(period)", format: .csv)
    time("whatif", "whatif leads_000042 = +10% in \(period)")
    time("whatif (months)", "whatif win_rate_000042 = 30% in \(monthly)")
    time("solve", "solve revenue = 5B by leads_000042 in \(period)")
    time("tree", "tree rev_000042 in \(period)")
    time("undo value", "undo") { _ in "value leads_000042 \(period) 4321" }
    time("undo formula", "undo") { _ in "metric rev_000042 = pipeline_000042 * win_rate_000042 * 1.1" }
    // What follows a change: a value's reaches a few metrics, a formula's
    // structure makes the graph and the compiled formulas anew.
    // Each run changes something new: a value, or a formula's constant.
    time("whatif after a value", "whatif leads_000042 = +10% in \(period)") { run in
        "value win_rate_000042 \(period) \(30 + run)%"
    }
    time("whatif after a formula", "whatif leads_000042 = +10% in \(period)") { run in
        "metric rev_000042 = pipeline_000042 * win_rate_000042 * \(1 + run)"
    }

    func timeCompletion(_ name: String, _ line: String) {
        guard wanted(name) else { return }
        var times: [Double] = []
        var count = 0
        for _ in 0..<runs {
            times.append(
                measured { count = CompletionEngine(session: session).complete(line, cursor: line.utf8.count).candidates.count })
        }
        report("\(name) (\(count) candidates)", times)
    }

    // At the prompt, names that changed are sorted before the prompt comes
    // back (InteractiveShell calls `prepare`): the cost of that, after a
    // rename, is a command's, not a Tab's.
    if wanted("names sorted for the prompt") {
        var times: [Double] = []
        for run in 0..<runs {
            let (from, to) = run % 2 == 0 ? ("leads_000001", "renamed_000001") : ("renamed_000001", "leads_000001")
            guard session.run(SourceText(name: "<bench>", text: "rename metric \(from) \(to)")) else {
                print("error: the rename failed: \(output.errors.joined())")
                Glibc.exit(1)
            }
            times.append(measured { CompletionEngine(session: session).prepare() })
        }
        report("names sorted for the prompt, after a rename", times)
    }

    timeCompletion("complete all names", "show ")
    timeCompletion("complete metric prefix", "whatif leads_0001")
    timeCompletion("complete formula name", "metric x = leads_00")
}

benchmark()
