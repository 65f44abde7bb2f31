import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// A command that makes calls: the RPCs it reaches, as `Service/Method` with the service's short
/// name (`IntakeService/CreateRegion`). `sjctl rpc-map` lists them, and a test checks that every
/// RPC of the three services is reachable from some command.
protocol CallsRPCs {
    static var rpcs: [String] { get }
}

typealias IntakeV1 = Shuangjiang.Intake.V1
typealias AssessmentV1 = Shuangjiang.Assessment.V1
typealias AccountabilityV1 = Shuangjiang.Accountability.V1
typealias CommonV1 = Shuangjiang.Common.V1

/// The "Example" part of every command's help (the brief: a concrete example line on every
/// command), followed by whatever else the command needs to say.
///
/// Help is read in an 80-column terminal, so a long example is broken before its options with
/// shell continuations (it still pastes as one command), and a paragraph of notes is one line
/// that ArgumentParser wraps; lines starting with a space (lists) are kept as written.
func examples(_ lines: String..., notes: String = "") -> String {
    let body =
        "Example" + (lines.count > 1 ? "s" : "") + ":\n"
        + lines.map { "  " + continued($0, width: 76) }.joined(separator: "\n")
    return notes.isEmpty ? body : body + "\n\n" + reflowed(notes)
}

/// `sjctl … --a x --b y` as lines of at most `width` columns, split before options.
func continued(_ command: String, width: Int) -> String {
    var lines: [String] = []
    var current = ""
    for part in command.split(separator: " --", omittingEmptySubsequences: false).enumerated().map({
        $0.offset == 0 ? String($0.element) : "--" + $0.element
    }) {
        if current.isEmpty {
            current = part
        } else if TextWidth.of(current) + 1 + TextWidth.of(part) + 2 > width {
            lines.append(current + " \\")
            current = "    " + part
        } else {
            current += " " + part
        }
    }
    lines.append(current)
    return lines.joined(separator: "\n  ")
}

/// Paragraphs (separated by blank lines) joined into single lines; indented lines kept.
func reflowed(_ text: String) -> String {
    var output: [String] = []
    var paragraph: [String] = []
    func flush() {
        if !paragraph.isEmpty { output.append(paragraph.joined(separator: " ")) }
        paragraph = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.isEmpty {
            flush()
            output.append("")
        } else if line.hasPrefix(" ") {
            flush()
            output.append(line)
        } else {
            paragraph.append(line)
        }
    }
    flush()
    while output.last == "" { output.removeLast() }
    return output.joined(separator: "\n")
}
