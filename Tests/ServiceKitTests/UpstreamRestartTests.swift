import GRPC
import Messages
import ServiceKit
import Storage
import Stubs
import TestProcesses
import Testing

/// The real server binary as the upstream, SIGKILLed and restarted while cases are being filed
/// and the follower is applying them.
@Suite struct UpstreamRestartTests {
    typealias V1 = Shuangjiang.Intake.V1

    @Test func aFollowerMissesNothingAndRepeatsNothingWhenItsUpstreamIsKilledAndRestartedMidStream() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.file("intake")
        var server = try await ServerProcess(port: 0, dataDirectory: data, log: directory.file("server-0.log"))
        let port = server.port
        let writerChannel = try Channel(host: "127.0.0.1", port: port, configuration: .quickReconnect)
        let followerChannel = try Channel(host: "127.0.0.1", port: port, configuration: .quickReconnect)
        defer {
            writerChannel.close()
            followerChannel.close()
        }
        let client = V1.IntakeService.Client(channel: writerChannel)
        let traffic = try await IntakeTraffic.prepare(client)
        let database = try Database.open(path: directory.file("follower.sqlite"), migrations: FollowerTable.migrations)
        defer { database.close() }
        let log = StateLog()
        let follower = FeedFollower(
            name: FollowerTable.cursorName, upstream: .intake(V1.IntakeService.Client(channel: followerChannel)),
            database: database, configuration: .quick, onStateChange: log.record, apply: FollowerTable.apply)
        let following = Task { await follower.run() }
        let writing = Task { await traffic.run(writers: 3) }

        for round in 1...3 {
            let before = follower.status.appliedSequence
            try await eventually("live changes applied before kill \(round)") {
                follower.status.appliedSequence >= before + 100
            }
            await server.kill()
            try await eventually("the follower to see its upstream gone") { !follower.status.isConnected }
            // Writers and follower keep failing against the closed port for a moment.
            try await Task.sleep(for: .milliseconds(150))
            server = try await ServerProcess(
                port: port, dataDirectory: data, log: directory.file("server-\(round).log"))
            try await eventually("the follower to reconnect") { follower.status.isConnected }
        }
        let acknowledged = traffic.acknowledgedCases.count
        try await eventually("writes after the last restart") { traffic.acknowledgedCases.count >= acknowledged + 50 }
        traffic.stop()
        await writing.value

        let head = try await client.head()
        try await eventually("the follower to reach the head", within: .seconds(15)) {
            follower.status.appliedSequence == head
        }
        await follower.stop()
        await following.value

        let feed = try await client.wholeFeed()
        #expect(feed.map(\.sequence) == Array(1...head))
        let applied = try await FollowerTable.entries(database)
        #expect(applied == feed, "the follower's table differs from intake's feed")
        #expect(try await FollowerTable.cursor(database) == head)
        // Every acknowledged filing survived the kills and reached the follower, once.
        let filed = applied.filter { $0.change == "case_filed" }.map(\.subject)
        #expect(Set(filed).count == filed.count)
        #expect(Set(traffic.acknowledgedCases).isSubset(of: Set(filed)))
        #expect(log.reconnections.count >= 3)
        #expect(await server.terminate() == 0, "no clean exit after SIGTERM")
    }
}
