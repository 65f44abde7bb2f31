import Foundation
import GRPC
import GRPCTestSupport
import Messages
import ServiceKit
import Storage
import Stubs
import TestProcesses
import Testing

/// The follower itself SIGKILLed mid-stream, in a child process, and restarted on its database.
@Suite struct FollowerRestartTests {
    typealias V1 = Shuangjiang.Intake.V1

    /// The newest "applied N" line the child wrote: a sequence it knew to be committed durably.
    static func progress(_ log: String) -> Int64 {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").reversed().lazy.compactMap { line -> Int64? in
            guard line.hasPrefix("applied ") else { return nil }
            return Int64(line.dropFirst("applied ".count))
        }.first ?? 0
    }

    @Test func aFollowerKilledAndRestartedMidStreamAppliesEveryChangeExactlyOnce() async throws {
        let directory = try TemporaryDirectory()
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        let writing = Task { await traffic.run(writers: 2) }
        let path = directory.file("follower.sqlite")

        var reported: Int64 = 0
        for round in 1...4 {
            let log = directory.file("child-\(round).log")
            let child = try ChildProcess.serviceKit.start(
                role: "follower", test: "followerChild",
                arguments: ["PORT": "\(intake.live.port)", "DATABASE": path], log: log)
            do {
                try await eventually("child \(round) to apply past \(reported)", within: .seconds(15)) {
                    Self.progress(log) > reported
                }
            } catch {
                child.kill()
                throw error
            }
            // Somewhere inside the stream of writes, not at a chosen point.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...150)))
            child.kill()
            reported = Self.progress(log)
        }
        traffic.stop()
        await writing.value
        let head = try await intake.client.head()

        // The last restart, in this process, on what the killed children left.
        let database = try Database.open(path: path, migrations: FollowerTable.migrations)
        let left = try await FollowerTable.cursor(database)
        #expect(left >= reported, "a write the child saw committed was lost")
        #expect(try await FollowerTable.count(database) == left)
        let channel = try intake.newChannel()
        let follower = FeedFollower(
            name: FollowerTable.cursorName, upstream: .intake(V1.IntakeService.Client(channel: channel)),
            database: database, configuration: .quick, apply: FollowerTable.apply)
        let following = Task { await follower.run() }
        try await eventually("the follower to reach the head", within: .seconds(15)) {
            follower.status.appliedSequence == head
        }
        await follower.stop()
        await following.value

        #expect(try await FollowerTable.entries(database) == intake.client.wholeFeed())
        #expect(try await FollowerTable.cursor(database) == head)
        channel.close()
        database.close()
        await intake.stop()
    }
}
