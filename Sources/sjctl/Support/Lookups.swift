import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// Reads sjctl makes for the operator so a command needs fewer ids: an agency's region, a case's
/// current version. Each is one intake call, made only when the option was left out.
enum Lookups {
    /// The region an agency belongs to (what most requests that name an agency also need).
    static func region(ofAgency agencyID: String, session: Session) async throws -> String {
        var request = IntakeV1.GetAgencyRequest()
        request.id = agencyID
        return try await session.call(.intake) { try await $0.intake.getAgency(request, options: $1) }.regionId
    }

    static func currentCase(_ caseID: String, session: Session) async throws -> IntakeV1.Case {
        var request = IntakeV1.GetCaseRequest()
        request.id = caseID
        return try await session.call(.intake) { try await $0.intake.getCase(request, options: $1) }
    }

    static func currentOpinion(_ opinionID: String, session: Session) async throws -> IntakeV1.Opinion {
        var request = IntakeV1.GetOpinionRequest()
        request.id = opinionID
        return try await session.call(.intake) { try await $0.intake.getOpinion(request, options: $1) }
    }

    /// Intake's feed head, for reads that must include every change made so far (`--fresh`).
    static func intakeHead(session: Session) async throws -> Int64 {
        try await session.call(.intake) {
            try await $0.intake.getFeedHead(IntakeV1.GetFeedHeadRequest(), options: $1)
        }.sequence
    }
}
