// swift-tools-version:6.0
import PackageDescription

/// Link everything statically: start-up is part of the contract (`align -c
/// ...` must start about as fast as `sqlite3`), and a static executable
/// leaves the dynamic loader nothing to do: no libraries to map, no symbols
/// to look up (libstdc++'s and libedit's cost 2.2 M instructions at each
/// start, half of it; bench/RESULTS.md has the measurements). libedit's own
/// dependencies are named (libtinfo, libbsd, libmd: their archives come with
/// libedit-dev); FoundationEssentials (pulled in by swift-argument-parser)
/// needs its shims and Synchronization named too. glibc warns that a static
/// program resolving users or groups needs the same glibc at run time: align
/// resolves none, and reads its locale from the system as before.
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags([
        "-static-executable",
        "-Xlinker", "-ltinfo", "-Xlinker", "-lbsd", "-Xlinker", "-lmd",
        "-Xlinker", "-l_FoundationCShims",
        "-Xlinker", "-l_FoundationCollections",
        "-Xlinker", "-lswiftSynchronization",
    ])
]

let package = Package(
    name: "align",
    products: [
        .executable(name: "align", targets: ["align"]),
        // For the fuzzers in fuzz/, which build against the library on their own.
        .library(
            name: "AlignShell",
            targets: ["AlignShell", "AlignSession", "AlignPresent", "AlignOutput", "AlignLanguage", "AlignCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The room's page: an HTTP/1.1 server with server-sent events (NIOCore, NIOPosix, NIOHTTP1 only).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The workspace model and its engine: periods, formulas, evaluation,
        // the driver graph, alignment queries, what-if and solve. No I/O.
        .target(name: "AlignCore"),
        // Source locations, diagnostics, the lexer, the command grammar and
        // parser, and the printer that writes a workspace back as a script.
        .target(name: "AlignLanguage", dependencies: ["AlignCore"]),
        // Answers as content and as text: Document, the renderers (table, CSV,
        // JSON, Markdown), number formatting, colours, terminal width.
        .target(name: "AlignOutput", dependencies: ["AlignCore", "AlignLanguage"]),
        // Presenters: show, tree, queries, charts, diffs, the report, its SVG
        // pictures, graph exports. Values in, documents out; no session.
        .target(name: "AlignPresent", dependencies: ["AlignCore", "AlignLanguage", "AlignOutput"]),
        // libedit, as a system library: a module map and a non-variadic shim.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The LineReader protocol, with a libedit reader and a plain one; the
        // Ctrl-C flag, and SIGTERM/SIGHUP handling that restores the terminal.
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // A session: executes commands on a workspace; undo, snapshots, files
        // (save, run, record, import), the journal, completion and help.
        .target(name: "AlignSession", dependencies: ["AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent"]),
        // The room's page: a live, read-only web page of the workspace for the
        // room, served over HTTP on SwiftNIO from snapshots the session hands over.
        .target(
            name: "AlignRoom",
            dependencies: [
                "AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent", "AlignSession",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The shell: the launcher (terminal or pipe, init file, recovery), the
        // interactive loop on a LineReader, the prompt's history file.
        .target(
            name: "AlignShell",
            dependencies: ["AlignLanguage", "AlignOutput", "AlignSession", "AlignRoom", "LineEditor"]),
        // The entry point: arguments in, exit code out.
        .executableTarget(
            name: "align",
            dependencies: [
                "AlignShell",
                "AlignLanguage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticRuntime
        ),
        // Times queries, what-ifs, undo and completion inside one process, for
        // scripts/bench; not part of the shipped `align`.
        .executableTarget(
            name: "align-bench",
            dependencies: ["AlignCore", "AlignLanguage", "AlignSession"],
            linkerSettings: staticRuntime
        ),
        .testTarget(name: "AlignCoreTests", dependencies: ["AlignCore"]),
        .testTarget(name: "AlignLanguageTests", dependencies: ["AlignLanguage"]),
        .testTarget(name: "AlignOutputTests", dependencies: ["AlignOutput"]),
        .testTarget(name: "AlignPresentTests", dependencies: ["AlignPresent"]),
        .testTarget(
            name: "AlignSessionTests",
            dependencies: ["AlignSession", "AlignCore", "AlignLanguage", "AlignOutput", "AlignPresent"],
            exclude: ["Fixtures"]),
        .testTarget(name: "AlignShellTests", dependencies: ["AlignShell", "AlignSession", "LineEditor"]),
        .testTarget(name: "AlignRoomTests", dependencies: ["AlignRoom", "AlignSession", "AlignCore", "AlignPresent"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["AlignShell"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
