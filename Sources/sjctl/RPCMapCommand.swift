import ArgumentParser
import SJCtlKit

/// `sjctl rpc-map` (hidden): every RPC and the commands that reach it, from each command's
/// declared `rpcs`. Tests/python/test_sjctl.py checks it against the protos: every RPC of the three
/// services must have a command.
struct RPCMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc-map",
        abstract: "List every RPC and the sjctl command that calls it.",
        discussion: examples("sjctl rpc-map"),
        shouldDisplay: false)

    func run() {
        var lines: [String] = []
        func walk(_ command: any ParsableCommand.Type, path: [String]) {
            let name = command.configuration.commandName ?? command._commandName
            let here = path + [name]
            if let calls = command as? any CallsRPCs.Type {
                for rpc in calls.rpcs { lines.append("\(rpc)\t\(here.joined(separator: " "))") }
            }
            for sub in command.configuration.subcommands { walk(sub, path: here) }
        }
        walk(SJCtl.self, path: [])
        StandardStreams.output(lines.sorted().joined(separator: "\n") + "\n")
    }
}
