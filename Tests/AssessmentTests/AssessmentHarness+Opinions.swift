import Assessment
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Synchronization

/// Opinion incidents for assessment tests: reported to intake at the intake clock, with the
/// milestones they already have.
extension AssessmentHarness {
    static let hour: Int64 = 3600
    /// Distinct request ids for incidents; summaries need not be ASCII.
    private static let reports = Mutex(0)

    func milestone(_ kind: Intake.MilestoneKind, at instant: Instant) -> Intake.ReportedMilestone {
        var milestone = Intake.ReportedMilestone()
        milestone.kind = kind
        milestone.occurredAt = instant.timestamp
        return milestone
    }

    func reportOpinion(
        _ department: Intake.Agency, detected: Instant, importance: Intake.OpinionImportance = .important,
        media: Instant? = nil, milestones: [Intake.ReportedMilestone] = [], summary: String = "一段视频引发关注"
    ) async throws -> Intake.Opinion {
        var request = Intake.ReportOpinionRequest()
        let number = Self.reports.withLock { count in
            count += 1
            return count
        }
        request.requestId = "opinion-\(number)"
        request.departmentAgencyId = department.id
        request.regionId = department.regionId
        request.category = .riskSelfMedia
        request.source = "微博"
        request.detectedAt = detected.timestamp
        request.importance = importance
        request.summary = summary
        request.mediaAttentionAt = media?.timestamp
        request.milestones = milestones
        return try await intake.reportOpinion(request)
    }

    @discardableResult
    func record(_ kind: Intake.MilestoneKind, at instant: Instant, on opinion: Intake.Opinion) async throws
        -> Intake.Opinion
    {
        var get = Intake.GetOpinionRequest()
        get.id = opinion.id
        let current = try await intake.getOpinion(get)
        var request = Intake.RecordOpinionMilestoneRequest()
        request.opinionId = opinion.id
        request.expectedVersion = current.version
        request.requestId = "\(opinion.id)-\(kind)"
        request.kind = kind
        request.occurredAt = instant.timestamp
        return try await intake.recordOpinionMilestone(request)
    }

    /// Every alert, oldest first.
    func alerts(_ kind: V1.AlertKind = .unspecified) async throws -> [V1.Alert] {
        try await Self.alerts(kind, from: assessment)
    }

    static func alerts(_ kind: V1.AlertKind, from client: V1.AssessmentService.Client) async throws -> [V1.Alert] {
        var request = V1.ListAlertsRequest()
        request.kind = kind
        request.pageSize = 500
        return try await client.listAlerts(request).alerts.reversed()
    }

    /// The whole of intake's feed applied to a new, empty assessment database, judged at the
    /// end at `clock`: a replay, for comparing alerts.
    func replayedAlerts(judgingAt clock: ManualClock) async throws -> [V1.Alert] {
        let database = try Database.inMemory(migrations: AssessmentSchema.migrations)
        let replay = AssessmentService(
            database: database, clock: clock,
            progress: { FeedProgress(applied: 0, upstreamHead: nil, connected: true) })
        let server = await InProcessServer(services: [replay])
        let apply = replay.projection
        var request = Intake.WatchEventsRequest()
        request.stopAtHead = true
        for try await event in intake.watchEvents(request).responses {
            try await database.write { tx in
                try apply(tx, [event])
                try tx.setCursor("intake", to: event.sequence)
            }
        }
        try await replay.judgeOpinionDeadlines()
        let alerts = try await Self.alerts(.unspecified, from: V1.AssessmentService.Client(channel: server.channel()))
        _ = await server.stop()
        database.close()
        return alerts
    }

    /// Intake validates against the real time from now on, so incidents can be reported before
    /// their deadlines fall due by intake's commit times (which are the real clock).
    @discardableResult
    func intakeNow() -> Instant {
        let now = SystemClock().now()
        intakeClock.set(now)
        return now
    }
}

extension Shuangjiang.Assessment.V1.Alert {
    /// The alert without its commit time: what a replay must reproduce.
    var withoutCreatedAt: Self {
        var alert = self
        alert.createdAt = nil
        return alert
    }

    var missed: Shuangjiang.Assessment.V1.OpinionDeadlineMissed? {
        if case .opinionDeadlineMissed(let details) = details { return details }
        return nil
    }

    var withdrawn: Shuangjiang.Assessment.V1.OpinionDeadlineMissedWithdrawn? {
        if case .opinionDeadlineMissedWithdrawn(let details) = details { return details }
        return nil
    }
}
