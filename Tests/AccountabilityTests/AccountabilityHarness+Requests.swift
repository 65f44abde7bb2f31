import Accountability
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs

/// Requests as a desk would send them, filled with plausible defaults the tests change.
extension AccountabilityHarness {
    func manualReferral(
        _ agency: Intake.Agency, requestId: String, at instant: Instant, reason: String = "群众来信反映执法不规范"
    ) -> V1.OpenReferralRequest {
        var manual = V1.ManualSource()
        manual.description = reason
        manual.documentReference = "宿司信〔2024〕\(requestId)号"
        var source = V1.ReferralSource()
        source.origin = .manual(manual)
        var request = V1.OpenReferralRequest()
        request.requestId = requestId
        request.source = source
        request.regionId = agency.regionId
        request.agencyId = agency.id
        request.reason = reason
        request.performedBy = "市司法局 张三"
        request.occurredAt = instant.timestamp
        request.documentReferences = ["宿司移〔2024〕\(requestId)号"]
        return request
    }

    func caseReferral(_ record: Intake.Case, requestId: String) -> V1.OpenReferralRequest {
        var source = V1.ReferralSource()
        source.origin = .caseId(record.id)
        var request = V1.OpenReferralRequest()
        request.requestId = requestId
        request.source = source
        request.regionId = record.regionId
        request.agencyId = record.defendantAgencyId
        request.reason = "败诉案件 \(record.docketNumber)"
        request.performedBy = "市中级人民法院 李四"
        return request
    }

    func advance(
        _ referral: V1.Referral, _ step: V1.AdvanceReferralRequest.NextStep, requestId: String,
        at instant: Instant? = nil,
        expected: V1.ReferralStep? = nil
    ) -> V1.AdvanceReferralRequest {
        var request = V1.AdvanceReferralRequest()
        request.referralId = referral.id
        request.expectedStep = expected ?? referral.step
        request.requestId = requestId
        request.performedBy = "市纪委监委 王五"
        request.occurredAt = instant?.timestamp
        request.nextStep = step
        request.documentReferences = ["doc-\(requestId)"]
        return request
    }

    static func investigation(on day: CivilDate) -> V1.AdvanceReferralRequest.NextStep {
        var step = V1.InvestigationStarted()
        step.investigator = "市纪委监委第三审查调查室"
        step.startedOn = day.date
        return .investigationStarted(step)
    }

    static func person(_ key: String, name: String? = nil, sanction: String = "诫勉谈话") -> V1.PersonHandled {
        var person = V1.PersonHandled()
        person.personKey = key
        person.name = name ?? "干部\(key)"
        person.position = "某局副局长"
        person.sanction = sanction
        return person
    }

    static func opinion(
        _ disposition: V1.Disposition, persons: [V1.PersonHandled], unit: Bool = false
    ) -> V1.AdvanceReferralRequest.NextStep {
        var opinion = V1.HandlingOpinionProposed()
        opinion.disposition = disposition
        opinion.persons = persons
        opinion.rationale = "经调查, 行政行为违法, 相关人员负有责任"
        opinion.unitHeldAccountable = unit
        return .handlingOpinionProposed(opinion)
    }

    static func decision(on day: CivilDate) -> V1.AdvanceReferralRequest.NextStep {
        var step = V1.DecisionExecuted()
        step.decisionDocument = "宿纪发〔\(day.year)〕\(day.month)号"
        step.executedOn = day.date
        return .decisionExecuted(step)
    }

    /// Takes a referral through the remaining three steps, a day apart from `start`.
    @discardableResult
    func complete(
        _ referral: V1.Referral, disposition: V1.Disposition, persons: [V1.PersonHandled], unit: Bool = false,
        from start: CivilDate
    ) async throws -> V1.Referral {
        let days = (1...3).map { start.adding(days: Int64($0))! }
        var current = try await accountability.advanceReferral(
            advance(referral, Self.investigation(on: days[0]), requestId: "\(referral.id)-2", at: noon(days[0])))
        current = try await accountability.advanceReferral(
            advance(
                current, Self.opinion(disposition, persons: persons, unit: unit), requestId: "\(referral.id)-3",
                at: noon(days[1])))
        return try await accountability.advanceReferral(
            advance(current, Self.decision(on: days[2]), requestId: "\(referral.id)-4", at: noon(days[2])))
    }

    func noon(_ day: CivilDate) -> Instant { .noon(day.year, day.month, day.day) }

    static func month(_ year: Int32, _ month: Int32) -> Shuangjiang.Common.V1.Period {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = .month
        period.year = year
        period.index = month
        return period
    }

    static func range(_ first: CivilDate, _ last: CivilDate) -> Shuangjiang.Common.V1.Period {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = .range
        period.firstDay = first.date
        period.lastDay = last.date
        return period
    }

    func compile(_ year: Int32, _ month: Int32, requestId: String) async throws -> V1.ReferralBatch {
        var request = V1.CompileMonthlyBatchRequest()
        request.requestId = requestId
        request.month = Self.month(year, month)
        request.compiledBy = "市司法局 赵六"
        return try await accountability.compileMonthlyBatch(request)
    }

    func stats(_ period: Shuangjiang.Common.V1.Period, region: String = "") async throws -> V1.AccountabilityStats {
        var request = V1.GetAccountabilityStatsRequest()
        request.period = period
        request.regionId = region
        return try await accountability.getAccountabilityStats(request)
    }

    func referrals(_ configure: (inout V1.ListReferralsRequest) -> Void = { _ in }) async throws -> [V1.Referral] {
        var request = V1.ListReferralsRequest()
        configure(&request)
        var all: [V1.Referral] = []
        while true {
            let page = try await accountability.listReferrals(request)
            all += page.referrals
            guard !page.nextPageToken.isEmpty else { return all }
            request.pageToken = page.nextPageToken
        }
    }
}

extension RPCError {
    /// The fields named by the google.rpc.BadRequest in grpc-status-details-bin.
    var violatedFields: [String] {
        metadata.firstBinary(StatusDetails.metadataKey).flatMap(StatusDetails.decodeBadRequest)?.map(\.field) ?? []
    }
}

/// The error a call fails with, or nil if it succeeds.
func failure<T: Sendable>(_ call: () async throws -> T) async -> RPCError? {
    do {
        _ = try await call()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}
