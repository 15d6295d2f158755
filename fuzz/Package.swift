// swift-tools-version:6.0
import PackageDescription

// The libFuzzer targets, kept out of the main package so that neither
// `swift build` nor the tests depend on the fuzzer. Built by `scripts/fuzz`
// with --sanitize fuzzer --sanitize address; see docs/HARDENING.md.
let package = Package(
    name: "align-fuzz",
    dependencies: [
        .package(name: "align", path: "..")
    ],
    targets: [
        // Arbitrary bytes through the splitter, the parser and completion.
        .executableTarget(
            name: "FuzzParser",
            dependencies: [.product(name: "AlignShell", package: "align")]),
        // Arbitrary scripts run by a whole session, in safe mode.
        .executableTarget(
            name: "FuzzSession",
            dependencies: [.product(name: "AlignShell", package: "align")]),
    ],
    swiftLanguageModes: [.v6]
)
