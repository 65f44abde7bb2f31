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
func examples(_ lines: String..., notes: String = "") -> String {
    let body = "Example" + (lines.count > 1 ? "s" : "") + ":\n" + lines.map { "  " + $0 }.joined(separator: "\n")
    return notes.isEmpty ? body : body + "\n\n" + notes
}
