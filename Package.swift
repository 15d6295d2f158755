// swift-tools-version:6.0
import PackageDescription

/// On Linux, the executables are static: start-up is part of the contract
/// (`align -c ...` must start about as fast as `sqlite3`), and a static
/// executable leaves the dynamic loader nothing to do. Measured on
/// `align -c 'team a'` (bench/RESULTS.md, "Static or dynamic"): 1.07 M
/// instructions (about 2.5 ms) static, 9.16 M (about 11 ms) dynamic.
///
/// The libraries a static link needs beyond what the modules name:
/// libedit's own (its pkg-config file says `-ltermcap -lbsd`; Debian ships
/// termcap as libtinfo, and libbsd needs libmd), and those of the toolchain's
/// static FoundationEssentials (pulled in by swift-argument-parser), whose
/// module does not name them for the linker. A dynamic link needs none of
/// them: libedit comes from pkg-config through CLibEdit. glibc warns that a
/// static program resolving users or groups, or loading libraries, needs the
/// same glibc at run time (six link warnings from the toolchain's archives,
/// and one from libsqlite3.a, whose loadable extensions would use dlopen):
/// align does neither, loads no SQLite extension, and reads its locale from
/// the system as before. SQLite is linked from libsqlite3.a through CSQLite.
///
/// Elsewhere the executables link dynamically and none of this applies;
/// `ALIGN_DYNAMIC=1` links them dynamically on Linux too, for a heap profiler
/// (valgrind's massif and heaptrack replace malloc through the dynamic
/// loader, which a static executable has not): bench/RESULTS.md says how.
///
/// The static link lays the functions a start-up and a replay run side by
/// side, in the order link/functions.order lists their symbols
/// (scripts/order-functions writes it; align's own modules are compiled one
/// section a function, see `ownCode`): the kernel maps code 64 KiB around
/// each page first read, and the same functions spread over 16 MB of code
/// made 2.5 MB more of the memory of a small session (bench/RESULTS.md, "The
/// ninth round"). The linker is lld, whose `--symbol-ordering-file` moves
/// any section that holds a listed symbol: glibc's and the runtime's
/// functions too, which gold's `--section-ordering-file` could not name.
/// link/unnamed.ld gathers the functions that have no symbol to list
/// ("The twelfth round").
let staticOnLinux: [LinkerSetting] =
    Context.environment["ALIGN_DYNAMIC"].map { $0 != "" && $0 != "0" } == true ? [] : [
    .unsafeFlags(["-static-executable"], .when(platforms: [.linux])),
    .unsafeFlags(
        ["-use-ld=lld",
         "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/link/functions.order",
         "-Xlinker", "--no-warn-symbol-ordering",
         "-Xlinker", "-T\(Context.packageDirectory)/link/unnamed.ld"], .when(platforms: [.linux])),
    .linkedLibrary("tinfo", .when(platforms: [.linux])),
    .linkedLibrary("bsd", .when(platforms: [.linux])),
    .linkedLibrary("md", .when(platforms: [.linux])),
    .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
    .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
    .linkedLibrary("swiftSynchronization", .when(platforms: [.linux])),
]

/// `ALIGN_WARNINGS_AS_ERRORS=1` (CI sets it, see .ci/run) makes a warning in
/// align's own targets an error, and leaves the dependencies' warnings alone.
/// On Linux each function is compiled into a section of its own, for the
/// static link's order (`staticOnLinux`).
let ownCode: [SwiftSetting] =
    [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux]))]
    + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
    + (Context.environment["ALIGN_WARNINGS_AS_ERRORS"].map { $0 != "" && $0 != "0" } == true
        ? [.unsafeFlags(["-warnings-as-errors"])] : [])

let package = Package(
    name: "align",
    // Atomic and Mutex (Synchronization) need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "align", targets: ["align"]),
        // For the fuzzers in fuzz/, which build against the library on their own.
        .library(
            name: "AlignShell",
            targets: [
                "AlignShell", "AlignSession", "AlignSources", "AlignPresent", "AlignOutput", "AlignLanguage", "AlignCore",
            ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The room's page: an HTTP/1.1 server with server-sent events (NIOCore, NIOPosix, NIOHTTP1 only).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The workspace model and its engine: periods, formulas, evaluation,
        // the driver graph, alignment queries, what-if and solve. No I/O.
        .target(name: "AlignCore", swiftSettings: ownCode),
        // Source locations, diagnostics, the lexer, the command grammar and
        // parser, and the printer that writes a workspace back as a script.
        .target(name: "AlignLanguage", dependencies: ["AlignCore"], swiftSettings: ownCode),
        // Answers as content and as text: Document, the renderers (table, CSV,
        // JSON, Markdown), number formatting, colours, terminal width.
        .target(name: "AlignOutput", dependencies: ["AlignCore", "AlignLanguage"], swiftSettings: ownCode),
        // Presenters: show, tree, queries, charts, diffs, the report, its SVG
        // pictures, graph exports. Values in, documents out; no session.
        .target(
            name: "AlignPresent", dependencies: ["AlignCore", "AlignLanguage", "AlignOutput"], swiftSettings: ownCode),
        // SQLite, as a system library: read-only files for `source NAME sqlite`.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Rows in, totals out: CSV exports read as a stream, SQLite and
        // PostgreSQL (through psql) with the adding up pushed down to them.
        .target(name: "AlignSources", dependencies: ["AlignCore", "AlignLanguage", "CSQLite"], swiftSettings: ownCode),
        // A session: executes commands on a workspace; undo, snapshots, files
        // (save, run, record, import), the journal, completion and help.
        .target(
            name: "AlignSession",
            dependencies: ["AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent", "AlignSources", "CMemory"],
            swiftSettings: ownCode),
        // malloc.h, which the C library's Swift module leaves out: freed memory given back.
        .target(name: "CMemory"),
        // libedit, as a system library: a module map and a non-variadic shim.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // The LineReader protocol, with a libedit reader and a plain one; the
        // Ctrl-C flag, and SIGTERM/SIGHUP handling that restores the terminal.
        .target(name: "LineEditor", dependencies: ["CLibEdit"], swiftSettings: ownCode),
        // The room's page: a live, read-only web page of the workspace for the
        // room, served over HTTP on SwiftNIO from snapshots the session hands over.
        .target(
            name: "AlignRoom",
            dependencies: [
                "AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent", "AlignSession",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: ownCode),
        // The shell: the launcher (terminal or pipe, init file, recovery), the
        // interactive loop on a LineReader, the prompt's history file; and
        // the tools around it: align check, align fmt, the manual page.
        .target(
            name: "AlignShell",
            dependencies: ["AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent", "AlignSession", "AlignRoom", "LineEditor"],
            swiftSettings: ownCode),
        // The entry point: arguments in, exit code out.
        .executableTarget(
            name: "align",
            dependencies: [
                "AlignShell",
                "AlignLanguage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: ownCode,
            linkerSettings: staticOnLinux
        ),
        // Times queries, what-ifs, undo and completion inside one process, for
        // scripts/bench; not part of the shipped `align`.
        .executableTarget(
            name: "align-bench",
            dependencies: ["AlignCore", "AlignLanguage", "AlignSession"],
            swiftSettings: ownCode,
            linkerSettings: staticOnLinux
        ),
        // What several test targets share: a seeded random number generator.
        .target(name: "AlignTestSupport", path: "Tests/AlignTestSupport", swiftSettings: ownCode),
        .testTarget(name: "AlignCoreTests", dependencies: ["AlignCore", "AlignTestSupport"], swiftSettings: ownCode),
        .testTarget(name: "AlignLanguageTests", dependencies: ["AlignLanguage"], swiftSettings: ownCode),
        .testTarget(name: "AlignOutputTests", dependencies: ["AlignOutput", "AlignTestSupport"], swiftSettings: ownCode),
        .testTarget(name: "AlignPresentTests", dependencies: ["AlignPresent"], swiftSettings: ownCode),
        .testTarget(
            name: "AlignSourcesTests", dependencies: ["AlignSources", "AlignCore", "AlignLanguage", "CSQLite"],
            swiftSettings: ownCode),
        .testTarget(
            name: "AlignSessionTests",
            dependencies: ["AlignSession", "AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent", "AlignTestSupport"],
            exclude: ["Fixtures"], swiftSettings: ownCode),
        .testTarget(
            name: "AlignShellTests", dependencies: ["AlignShell", "AlignSession", "LineEditor"], swiftSettings: ownCode),
        .testTarget(
            name: "AlignRoomTests", dependencies: ["AlignRoom", "AlignSession", "AlignCore", "AlignPresent"],
            swiftSettings: ownCode),
        // Runs the built binary (ALIGN_BINARY, else the debug build) through pipes.
        .testTarget(name: "EndToEndTests", dependencies: ["AlignShell"], swiftSettings: ownCode),
    ],
    swiftLanguageModes: [.v6]
)
