import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

struct ImportCasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "placeholder")
}
