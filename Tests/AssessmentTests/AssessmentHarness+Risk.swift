import Assessment
import Messages
import ServiceKit
import SharedDomain
import Stubs

/// Open cases with the events risk scoring reads, filed and recorded one by one through intake's
/// public API.
extension AssessmentHarness {
    typealias RecordedEvent = Intake.RecordCaseEventRequest.Event

    func file(
        _ agency: Intake.Agency, docket: Int, filedOn: CivilDate, plaintiffs: Int32 = 1,
        category: Intake.CaseCategory = .penalty
    ) async throws -> Intake.Case {
        var filing = Intake.FileCaseRequest()
        filing.requestId = "risk-case-\(docket)"
        filing.kind = .litigation
        filing.instance = .first
        filing.docketNumber = "(\(filedOn.year))苏13行初\(docket)号"
        filing.category = category
        filing.defendantAgencyId = agency.id
        filing.regionId = agency.regionId
        filing.filedOn = filedOn.date
        filing.courtName = "宿迁市中级人民法院"
        filing.plaintiffKind = .naturalPerson
        filing.plaintiffCount = plaintiffs
        return try await intake.fileCase(filing)
    }

    /// Records `events` in order; returns the case after the last.
    func record(_ record: Intake.Case, _ events: [RecordedEvent]) async throws -> Intake.Case {
        var current = record
        for event in events {
            var request = Intake.RecordCaseEventRequest()
            request.caseId = current.id
            request.expectedVersion = current.version
            request.requestId = "\(current.id)-v\(current.version)"
            request.event = event
            current = try await intake.recordCaseEvent(request)
        }
        return current
    }

    func reportOpinion(about record: Intake.Case, agency: Intake.Agency, detectedOn: CivilDate) async throws {
        var request = Intake.ReportOpinionRequest()
        request.requestId = "opinion-\(record.id)-\(detectedOn)"
        request.departmentAgencyId = agency.id
        request.regionId = agency.regionId
        request.category = .other
        request.source = "微博"
        request.detectedAt = CityTimeZone.shanghai.start(of: detectedOn).adding(seconds: 10 * 3600).timestamp
        request.importance = .ordinary
        request.relatedCaseId = record.id
        request.summary = "当事人在网上反映案件情况"
        _ = try await intake.reportOpinion(request)
    }

    static func hearing(on day: CivilDate) -> RecordedEvent {
        var hearing = Intake.HearingScheduled()
        hearing.hearingAt = CityTimeZone.shanghai.start(of: day).adding(seconds: 9 * 3600).timestamp
        hearing.courtName = "宿迁市中级人民法院"
        return .hearingScheduled(hearing)
    }

    /// Mediation started the day before and concluded with `result` on `day`.
    static func mediation(_ result: Intake.MediationResult, on day: CivilDate) -> [RecordedEvent] {
        var started = Intake.MediationStarted()
        started.channel = .peoples
        started.startedOn = day.adding(days: -1)!.date
        var concluded = Intake.MediationConcluded()
        concluded.result = result
        concluded.concludedOn = day.date
        return [.mediationStarted(started), .mediationConcluded(concluded)]
    }

    static func headAppearance(on day: CivilDate) -> RecordedEvent {
        var appearance = Intake.HeadAppearance()
        appearance.personName = "王局长"
        appearance.rank = .principal
        appearance.spoke = true
        appearance.appearedOn = day.date
        return .headAppearance(appearance)
    }

    static func concluded(_ outcome: Intake.CaseOutcome, on day: CivilDate) -> RecordedEvent {
        var concluded = Intake.Concluded()
        concluded.outcome = outcome
        concluded.concludedOn = day.date
        concluded.instance = .first
        return .concluded(concluded)
    }

    /// Assessment's clock at noon on `day` in the city.
    func setAssessmentDay(_ day: CivilDate) {
        assessmentClock.set(CityTimeZone.shanghai.start(of: day).adding(seconds: 12 * 3600))
    }
}

extension CaseRiskRules {
    /// Only the factors read from a case's own events, so scores through the harness do not
    /// depend on the real date that feed time is (the history window moves with it).
    static let eventsOnly = CaseRiskRules(
        weights: [
            .noHeadAppearance: 15, .mediationFailed: 10, .priorReconsiderationCorrection: 10, .relatedOpinion: 15,
            .multiplePlaintiffs: 5,
        ], redThreshold: 40, yellowThreshold: 20)
}
