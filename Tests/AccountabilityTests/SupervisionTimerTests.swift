import Accountability
import Foundation
import GRPCCore
import Logging
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

/// The supervision timer: reminders and escalations raised when they fall due on the service's
/// clock (a ManualClock here), once per deadline, woken by the writes that move the earliest,
/// and at once on a restart for what fell due while the service was down.
@Suite struct SupervisionTimerTests {
    typealias V1 = Shuangjiang.Accountability.V1

    static func open(_ harness: AccountabilityHarness, due: Instant, leadSeconds: Int64) async throws -> V1.Supervision
    {
        let county = try await harness.region("宿城区", code: "321302")
        let agency = try await harness.agency("宿城区人民政府", in: county)
        let record = try await harness.file(agency, filed: .on(2024, 10, 1))
        var request = V1.OpenSupervisionRequest()
        request.requestId = "open"
        request.kind = .listed
        request.caseId = record.id
        request.regionId = county.id
        request.ownerName = "区长"
        request.ownerPosition = "区政府区长"
        request.plan = "一案一策"
        request.dueAt = due.timestamp
        var lead = Google.Protobuf.Duration()
        lead.seconds = leadSeconds
        request.reminderLead = lead
        request.openedBy = "市司法局"
        return try await harness.accountability.openSupervision(request)
    }

    static func get(_ harness: AccountabilityHarness, _ id: String) async throws -> V1.Supervision {
        var request = V1.GetSupervisionRequest()
        request.id = id
        return try await harness.accountability.getSupervision(request)
    }

    /// Polls until `condition` holds (the timer runs in its own task), for up to 10 s.
    static func eventually(
        _ harness: AccountabilityHarness, _ id: String, _ condition: (V1.Supervision) -> Bool
    ) async throws -> V1.Supervision {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while true {
            let supervision = try await get(harness, id)
            if condition(supervision) || ContinuousClock.now > deadline { return supervision }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    static func timer(_ harness: AccountabilityHarness) -> Task<Void, any Error> {
        let task = SupervisionTimerTask(service: harness.service, logger: Logger(label: "timer-test"))
        return Task { try await task.run() }
    }

    @Test func fireDueRaisesEachNoticeOnceAtItsInstantAndANewDeadlineStartsOver() async throws {
        let harness = try await AccountabilityHarness()
        let start = harness.clock.now()
        let due = start.adding(seconds: 10 * 86_400)
        let opened = try await Self.open(harness, due: due, leadSeconds: 3 * 86_400)
        #expect(try await harness.service.nextAlarm()?.milliseconds == due.adding(seconds: -3 * 86_400).milliseconds)
        harness.clock.set(due.adding(seconds: -3 * 86_400 - 1))
        #expect(try await harness.service.fireDue().isEmpty)
        harness.clock.set(due.adding(seconds: -3 * 86_400))
        #expect(try await harness.service.fireDue().map(\.notice.kind) == [.reminder])
        #expect(try await harness.service.fireDue().isEmpty)
        var supervision = try await Self.get(harness, opened.id)
        #expect(supervision.remindedAt == due.adding(seconds: -3 * 86_400).timestamp && supervision.state == .active)
        harness.clock.set(due)
        #expect(try await harness.service.fireDue().map(\.notice.kind) == [.overdue])
        supervision = try await Self.get(harness, opened.id)
        #expect(supervision.state == .overdue && supervision.escalatedAt == due.timestamp)
        #expect(try await harness.service.nextAlarm() == nil)

        var update = V1.UpdateSupervisionRequest()
        update.supervisionId = opened.id
        update.expectedVersion = supervision.version
        update.requestId = "later"
        update.note = "延期"
        update.recordedBy = "区长"
        let newDue = due.adding(seconds: 5 * 86_400)
        update.newDueAt = newDue.timestamp
        update.newDueReason = "当事人住院"
        supervision = try await harness.accountability.updateSupervision(update)
        #expect(supervision.state == .active && supervision.remindedAt == nil && supervision.escalatedAt == nil)
        #expect(supervision.notices.map(\.kind) == [.reminder, .overdue])
        #expect(try await harness.service.nextAlarm()?.milliseconds == newDue.adding(seconds: -3 * 86_400).milliseconds)
        await harness.stop()
    }

    /// The timer task sleeps until the earliest instant; a write that makes something due now
    /// wakes it, and so does time moving on (woken, since a ManualClock does not tick).
    @Test func theTimerTaskRaisesWhatFallsDueAndIsWokenByWrites() async throws {
        let harness = try await AccountabilityHarness()
        let timer = Self.timer(harness)
        let now = harness.clock.now()
        // The reminder instant is already past when opened: out at once.
        let opened = try await Self.open(harness, due: now.adding(seconds: 3600), leadSeconds: 7200)
        var supervision = try await Self.eventually(harness, opened.id) { $0.remindedAt != nil }
        #expect(supervision.remindedAt == now.timestamp && supervision.notices.count == 1)
        harness.clock.set(now.adding(seconds: 3600))
        harness.service.alarm.wake()
        supervision = try await Self.eventually(harness, opened.id) { $0.state == .overdue }
        #expect(supervision.escalatedAt == now.adding(seconds: 3600).timestamp)
        #expect(supervision.notices.map(\.kind) == [.reminder, .overdue])
        timer.cancel()
        _ = await timer.result
        await harness.stop()
    }

    /// Down through the deadline: on restart the escalation goes out at once, once, and a second
    /// restart raises nothing more.
    @Test func aDeadlinePassedWhileDownIsEscalatedAtOnceOnRestartAndOnlyOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accountability-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try await AccountabilityHarness(
            database: try Database.open(path: path, migrations: AccountabilitySchema.migrations))
        let now = first.clock.now()
        let due = now.adding(seconds: 2 * 3600)
        let opened = try await Self.open(first, due: due, leadSeconds: 3600)
        await first.stop()

        for restart in 1...2 {
            let harness = try await AccountabilityHarness(
                database: try Database.open(path: path, migrations: AccountabilitySchema.migrations))
            harness.clock.set(due.adding(seconds: 86_400))
            let timer = Self.timer(harness)
            let supervision = try await Self.eventually(harness, opened.id) { $0.state == .overdue }
            try await Task.sleep(for: .milliseconds(50))
            timer.cancel()
            _ = await timer.result
            #expect(supervision.notices.map(\.kind) == [.overdue], "restart \(restart)")
            #expect(try await Self.get(harness, opened.id).notices.count == 1)
            #expect(supervision.remindedAt == nil)
            await harness.stop()
        }
    }
}
