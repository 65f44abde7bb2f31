// interop-client: the gRPC interop test cases (grpc/grpc doc/interop-test-descriptions.md) run with
// our Channel and generated client against any grpc.testing.TestService server.
//
//   interop-client --server_host H --server_port N --test_case NAME[,NAME...]|all
//
// Prints `PASS name` or `FAIL name: reason` per case; exits 1 if any case failed.
import GRPC
import Messages
import Stubs

#if canImport(Glibc)
    import Glibc
#endif

func usage(_ problem: String? = nil) -> Never {
    if let problem { print("interop-client: \(problem)") }
    print(
        """
        usage: interop-client [--server_host H] --server_port N --test_case NAME[,NAME...]|all
          Flags may also be written --flag=value. TLS is not supported (--use_tls=false only).
          Cases: \(InteropCase.all.map(\.name).joined(separator: " "))
        """)
    exit(problem == nil ? 0 : 2)
}

var host = "127.0.0.1"
var port: Int?
var caseNames: [String] = []
var arguments = ArraySlice(CommandLine.arguments.dropFirst())
while let argument = arguments.popFirst() {
    var name = argument
    var inlineValue: String?
    if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
    }
    func value() -> String {
        guard let value = inlineValue ?? arguments.popFirst() else { usage("\(name) needs a value") }
        return value
    }
    switch name {
    case "--server_host": host = value()
    case "--server_port":
        guard let number = Int(value()) else { usage("--server_port takes a number") }
        port = number
    case "--test_case": caseNames += value().split(separator: ",").map(String.init)
    case "--use_tls", "--use_test_ca":
        if value() != "false" { usage("TLS is not supported") }
    case "--server_host_override": _ = value()
    case "-h", "--help": usage()
    default: usage("unknown argument \(argument)")
    }
}
guard let port else { usage("--server_port is required") }
guard !caseNames.isEmpty else { usage("--test_case is required") }
var cases: [InteropCase] = []
for name in caseNames {
    if name == "all" {
        cases += InteropCase.all
    } else if let found = InteropCase.all.first(where: { $0.name == name }) {
        cases.append(found)
    } else {
        usage("unknown test case \(name)")
    }
}

let channel: Channel
do {
    channel = try Channel(host: host, port: port)
} catch {
    print("interop-client: cannot use \(host):\(port): \(error)")
    exit(2)
}
// One channel for every case, as a real client would: later cases also check that earlier
// cancellations, deadlines and errors left the connection usable.
let context = InteropCase.Context(client: Grpc.Testing.TestService.Client(channel: channel), host: host, port: port)
var failed = 0
var hung = false
for testCase in cases {
    switch await testCase.outcome(context, within: .seconds(20)) {
    case .passed: print("PASS \(testCase.name)")
    case .failed(let reason):
        failed += 1
        print("FAIL \(testCase.name): \(reason)")
    case .hung(let after):
        failed += 1
        hung = true
        print("FAIL \(testCase.name): no result after \(after)")
    }
    fflush(nil)
}
// A hung case may hold the loop; closing would then wait forever.
if !hung { channel.close() }
exit(failed == 0 ? 0 : 1)
