import AlignLanguage
import Foundation
import Testing

/// editors/align.tmLanguage.json (and its copy in the VS Code extension)
/// is generated from the command table, as the fuzzers' dictionary is.
/// `ALIGN_RECORD=1 swift test --filter EditorGrammar` writes them again.
@Suite("The editors' grammar")
struct EditorGrammarTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let files = ["editors/align.tmLanguage.json", "editors/vscode/syntaxes/align.tmLanguage.json"].map {
        root.appendingPathComponent($0)
    }

    @Test("each grammar file is what the command table makes")
    func upToDate() throws {
        let expected = try EditorGrammar.text()
        for file in Self.files {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if ProcessInfo.processInfo.environment["ALIGN_RECORD"] != nil, text != expected {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try expected.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            #expect(text == expected, "\(file.path) is out of date: run ALIGN_RECORD=1 swift test --filter EditorGrammar")
        }
    }

    @Test("the file parses as JSON, and its patterns are regular expressions that compile")
    func parses() throws {
        let data = try Data(contentsOf: Self.files[0])
        let grammar = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(grammar["scopeName"] as? String == "source.align")
        #expect(grammar["fileTypes"] as? [String] == ["align"])
        let patterns = try #require(grammar["patterns"] as? [[String: Any]])
        var expressions = patterns.compactMap { $0["match"] as? String ?? $0["begin"] as? String }
        for pattern in patterns {
            for inner in pattern["patterns"] as? [[String: Any]] ?? [] { expressions += [inner["match"] as? String].compactMap { $0 } }
        }
        #expect(expressions.count >= patterns.count)
        for expression in expressions {
            #expect((try? NSRegularExpression(pattern: expression)) != nil, "does not compile: \(expression)")
        }
    }

    @Test("the verbs' pattern names every verb and alias of the table, and only at the start of a line")
    func namesEveryVerb() throws {
        let text = try String(contentsOf: Self.files[0], encoding: .utf8)
        let grammar = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let patterns = try #require(grammar["patterns"] as? [[String: Any]])
        let verbs = try #require(patterns.first { ($0["match"] as? String)?.hasPrefix("^") == true }?["match"] as? String)
        let expression = try NSRegularExpression(pattern: verbs)
        for spec in CommandTable.all {
            for verb in [spec.verb] + spec.aliases {
                #expect(verbs.contains("|\(verb)|") || verbs.contains("(?:\(verb)|") || verbs.contains("|\(verb))"), "\(verb)")
                for line in [verb, "  \(verb) x", "\(verb)\t"] {
                    let range = NSRange(line.startIndex..., in: line)
                    let match = expression.firstMatch(in: line, range: range)
                    #expect(match.map { (line as NSString).substring(with: $0.range(at: 1)) } == verb, "\(line)")
                }
            }
        }
        #expect(expression.firstMatch(in: "metric teamwork", range: NSRange(location: 0, length: 15))?.range(at: 1).length == 6)
    }

    @Test("what each part of a line is: numbers with their suffixes, periods, lags, offsets, strings, comments")
    func scopes() throws {
        let grammar = try #require(EditorGrammar.grammar()["patterns"] as? [[String: Any]])
        let expressions = try grammar.map { pattern in
            try (pattern["match"] as? String ?? pattern["begin"] as? String).map {
                try NSRegularExpression(pattern: $0, options: [.anchorsMatchLines])
            }
        }
        /// The scope `text` gets in `line`, read as an editor reads it: from
        /// where it stands, the match that starts first (the pattern listed
        /// first, of those that start together) takes its text, and so on.
        func scope(_ text: String, in line: String) throws -> String? {
            let target = NSRange(try #require(line.range(of: text)), in: line)
            let length = (line as NSString).length
            var position = 0
            while position < length {
                var best: (match: NSTextCheckingResult, index: Int)?
                for (index, expression) in expressions.enumerated() {
                    guard let expression,
                        let match = expression.firstMatch(
                            in: line, options: [.withTransparentBounds, .withoutAnchoringBounds],
                            range: NSRange(location: position, length: length - position))
                    else { continue }
                    if best == nil || match.range.location < best!.match.range.location { best = (match, index) }
                }
                guard let (match, index) = best else { return nil }
                if match.range.location <= target.location, target.location < NSMaxRange(match.range) {
                    let pattern = grammar[index]
                    return pattern["name"] as? String ?? (pattern["captures"] as? [String: [String: String]])?["1"]?["name"]
                }
                position = max(NSMaxRange(match.range), position + 1)
            }
            return nil
        }
        let line = "value mql_rate 2026-Q3 25%  # from the CRM"
        #expect(try scope("2026-Q3", in: line) == "constant.numeric.period.align")
        #expect(try scope("25%", in: line) == "constant.numeric.align")
        #expect(try scope("# from", in: line) == "comment.line.number-sign.align")
        #expect(try scope("2.5M", in: "goal g sales revenue >= 2.5M by 2026") == "constant.numeric.align")
        #expect(try scope("20k", in: "value deal_size 2026-Q3 20k") == "constant.numeric.align")
        #expect(try scope("2q", in: "link a -> b lag=2q") == "constant.numeric.lag.align")
        #expect(try scope("-1m", in: "metric sqls = mqls[-1m] * sql_rate") == "constant.numeric.offset.align")
        #expect(try scope("\"why\"", in: "link a -> b \"why\"") == "string.quoted.double.align")
        #expect(try scope("owner", in: "metric m owner=sales") == "variable.parameter.option.align")
        #expect(try scope("->", in: "link a -> b") == "keyword.operator.align")
        #expect(try scope("+5pp", in: "whatif win_rate = +5pp from 2026-Q3") == "constant.numeric.align")
        #expect(try scope("2026-06..2026-10", in: "solve a = 2M by b over 2026-06..2026-10") == "constant.numeric.period.align")
        #expect(try scope("from", in: "whatif win_rate = +5pp from 2026-Q3") == "keyword.other.align")
        #expect(try scope("accept", in: "# align: accept orphan-goal nps_up \"why\"") == "comment.line.number-sign.directive.align")
        #expect(try scope("metric", in: "metric mqls = leads * mql_rate") == "keyword.control.command.align")
        #expect(try scope("leads", in: "metric mqls = leads * mql_rate") == nil)
    }

    @Test("the VS Code extension declares the language and the grammar it ships, with # as the comment")
    func vscodeExtension() throws {
        let folder = Self.root.appendingPathComponent("editors/vscode")
        let package = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("package.json"))) as? [String: Any])
        let contributes = try #require(package["contributes"] as? [String: Any])
        let language = try #require((contributes["languages"] as? [[String: Any]])?.first)
        #expect(language["extensions"] as? [String] == [".align"])
        let grammar = try #require((contributes["grammars"] as? [[String: Any]])?.first)
        #expect(grammar["scopeName"] as? String == "source.align")
        let path = try #require(grammar["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path))
        let configuration = try #require(language["configuration"] as? String)
        let settings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(configuration))) as? [String: Any])
        #expect((settings["comments"] as? [String: String])?["lineComment"] == "#")
    }
}
