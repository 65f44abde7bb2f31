import Storage
import TestProcesses

/// Where a test database lives; most tests run against both.
enum Backing: String, CaseIterable, Sendable {
    case inMemory
    case onDisk

    func open(
        in directory: TemporaryDirectory, migrations: [Migration] = Fixtures.migrations,
        options: Database.Options = Database.Options()
    ) throws -> Database {
        switch self {
        case .inMemory: try Database.inMemory(migrations: migrations, options: options)
        case .onDisk: try Database.open(path: directory.file("test.sqlite"), migrations: migrations, options: options)
        }
    }
}
