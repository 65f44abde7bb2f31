import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

#if canImport(Glibc)
    import Glibc
#endif

/// The entry point, written out rather than `@main` on the root command so that usage errors exit
/// with 2 (ArgumentParser's own default is 64, EX_USAGE) and every other failure with the code
/// ErrorReport gives it (docs/sjctl.md, "Exit codes").
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try SJCtl.parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as ServiceCallError {
            exit(ErrorReport.report(error))
        } catch let error as CommandFailure {
            exit(ErrorReport.report(error))
        } catch {
            let code = SJCtl.exitCode(for: error)
            let message = SJCtl.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { ErrorReport.writeStandardError(message + "\n") }
            exit(code == .validationFailure ? ErrorReport.usage : code.rawValue)
        }
    }
}
