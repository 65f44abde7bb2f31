import Foundation
import GRPC
import Messages
import ServiceKit
import Storage
import Stubs
import TestProcesses
import Testing

/// The bodies of child processes; skipped unless this process was started as that child.
@Suite struct FollowerChildEntryPoints {
    @Test(
        .enabled(
            if: ChildProcess.serviceKit.role == "follower",
            "runs only as the child process FollowerRestartTests starts and kills")
    )
    func followerChild() async throws {
        let database = try Database.open(
            path: ChildProcess.serviceKit.argument("DATABASE"), migrations: FollowerTable.migrations)
        let channel = try Channel(
            host: "127.0.0.1", port: Int(ChildProcess.serviceKit.argument("PORT"))!, configuration: .quickReconnect)
        var configuration = FeedFollowerConfiguration.quick
        // Many small writes, so a kill is likely to land inside one.
        configuration.maxBatchSize = 8
        let follower = FeedFollower(
            name: FollowerTable.cursorName,
            upstream: .intake(Shuangjiang.Intake.V1.IntakeService.Client(channel: channel)), database: database,
            configuration: configuration, apply: FollowerTable.apply)
        let running = Task { await follower.run() }
        var reported: Int64 = -1
        // The parent kills this process; the deadline only keeps an orphan from living on.
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let applied = follower.status.appliedSequence
            if applied != reported {
                // Unbuffered, so the parent sees it before the kill.
                FileHandle.standardOutput.write(Data("applied \(applied)\n".utf8))
                reported = applied
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        await follower.stop()
        await running.value
        channel.close()
        database.close()
    }
}
