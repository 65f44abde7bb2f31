import GRPC
import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// The statuses the proto comments promise, as a client sees them: a refusal that depends on the
/// case's state is FAILED_PRECONDITION naming its rule; a field that is wrong whatever the state
/// is INVALID_ARGUMENT naming the field.
@Suite struct DocumentedStatusTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    static func expectRule(
        _ rule: CaseRule, sourceLocation: SourceLocation = #_sourceLocation, _ call: () async throws -> V1.Case
    ) async {
        let error = await #expect(throws: RPCError.self, sourceLocation: sourceLocation) { try await call() }
        #expect(error?.code == .failedPrecondition, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.message.hasPrefix(rule.rawValue + ":") == true, sourceLocation: sourceLocation)
    }

    @Test func aSecondInstanceConclusionOnAnOpenFirstInstanceCaseIsFailedPrecondition() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        await Self.expectRule(.secondInstanceWithoutAppeal) {
            try await h.record(filed, E.concluded(.revoked, E.day(2024, 5, 1), instance: .second), requestId: "c")
        }
        // The same conclusion is right once the case has been judged and appealed.
        let judged = try await h.record(filed, E.concluded(.claimDismissed, E.day(2024, 5, 1)), requestId: "c1")
        let appealed = try await h.record(judged, E.appealed(E.day(2024, 5, 10)), requestId: "a")
        await Self.expectRule(.firstInstanceAlreadyConcluded) {
            try await h.record(appealed, E.concluded(.revoked, E.day(2024, 6, 1)), requestId: "c2")
        }
        let ended = try await h.record(
            appealed, E.concluded(.revoked, E.day(2024, 6, 1), instance: .second), requestId: "c3")
        #expect(ended.state == .concluded && ended.finalOutcome == .revoked)
        #expect(await h.stop())
    }

    @Test func anInstanceTheRecordNeverConcludesWithIsInvalidArgument() async throws {
        let h = try await IntakeHarness.make()
        let first = try await h.client.fileCase(h.filing(1))
        var appeal = h.filing(2)
        appeal.instance = .second
        appeal.docketNumber = "(2024)苏行终2号"
        let second = try await h.client.fileCase(appeal)
        for (record, instance) in [(first, V1.Instance.retrial), (second, .first), (second, .retrial)] {
            let error = await #expect(throws: RPCError.self) {
                try await h.record(record, E.concluded(.revoked, E.day(2024, 6, 1), instance: instance), requestId: "x")
            }
            #expect(error?.code == .invalidArgument && error?.violatedFields == ["concluded.instance"])
        }
        #expect(await h.stop())
    }

    @Test func aMilestoneBeforeDetectionIsFailedPrecondition() async throws {
        let h = try await IntakeHarness.make()
        let opinion = try await h.client.reportOpinion(TextBoundsTests.report(h))
        var milestone = V1.RecordOpinionMilestoneRequest()
        milestone.opinionId = opinion.id
        milestone.expectedVersion = 1
        milestone.requestId = "m"
        milestone.kind = .firstStatement
        milestone.occurredAt = IntakeHarness.start.adding(seconds: -60).timestamp
        let error = await #expect(throws: RPCError.self) { try await h.client.recordOpinionMilestone(milestone) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.hasPrefix(OpinionRule.milestoneBeforeDetection.rawValue) == true)
        #expect(await h.stop())
    }

    @Test func anEmptyIdOfAGetIsInvalidArgumentAndAnUnknownOneNotFound() async throws {
        let h = try await IntakeHarness.make()
        var get = V1.GetCaseRequest()
        let empty = await #expect(throws: RPCError.self) { try await h.client.getCase(get) }
        #expect(empty?.code == .invalidArgument && empty?.violatedFields == ["id"])
        get.id = "case-99"
        let unknown = await #expect(throws: RPCError.self) { try await h.client.getCase(get) }
        #expect(unknown?.code == .notFound)
        #expect(await h.stop())
    }
}
