import Accountability
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// Referrals through the public RPCs, with a real intake and assessment in process.
@Suite struct ReferralServiceTests {
    typealias V1 = Shuangjiang.Accountability.V1
    typealias H = AccountabilityHarness

    /// intake: a case lost → assessment: CASE_LOST → accountability: one referral opened by the
    /// system at the alert's time; the same case referred by hand is ALREADY_EXISTS naming it, and
    /// the alert applied again opens nothing.
    @Test func aLostCaseOpensOneReferralAndTheSameCaseNeverOpensTwo() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("沭阳县人民政府", in: county)
        let lost = try await harness.file(agency, filed: .on(2024, 3, 1), concluded: .on(2024, 6, 3), outcome: .revoked)
        try await harness.file(agency, filed: .on(2024, 3, 1), concluded: .on(2024, 6, 3), outcome: .claimDismissed)
        try await harness.sync()

        let referrals = try await harness.referrals()
        #expect(referrals.count == 1)
        let referral = try #require(referrals.first)
        let alert = try #require(try await harness.alerts().first { $0.kind == .caseLost })
        #expect(referral.caseId == lost.id && referral.agencyId == agency.id && referral.regionId == county.id)
        #expect(referral.source?.origin == .alertSequence(alert.sequence))
        #expect(referral.step == .referred && referral.version == 1 && referral.steps.count == 1)
        #expect(referral.steps.first?.performedBy == "system")
        #expect(referral.steps.first?.occurredAt == alert.createdAt)
        #expect(referral.reason.contains(lost.docketNumber))
        #expect(referral.repeatedLoss == nil)

        let again = await failure {
            try await harness.accountability.openReferral(harness.caseReferral(lost, requestId: "by-hand"))
        }
        #expect(again?.code == .alreadyExists)
        #expect(
            again?.message.contains(referral.id) == true && again?.message.contains(lost.id) == true,
            "\(String(describing: again))")
        try await harness.apply(alert)
        #expect(try await harness.referrals().count == 1)
        await harness.stop()
    }

    /// Four steps, each with who, when and documents; every refusal is the promised status and
    /// leaves the referral as it was; a retry returns the first answer.
    @Test func stepsAreTakenInOrderOnceEachAndEveryOtherStepIsRefused() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("泗阳县", code: "321323")
        let agency = try await harness.agency("泗阳县自然资源局", in: county)
        let opened = try await harness.accountability.openReferral(
            harness.manualReferral(agency, requestId: "r1", at: .noon(2024, 5, 6)))
        #expect(opened.step == .referred && opened.version == 1)
        #expect(
            opened.source?.origin
                == .manual(
                    {
                        var manual = V1.ManualSource()
                        manual.description = "群众来信反映执法不规范"
                        manual.documentReference = "宿司信〔2024〕r1号"
                        return manual
                    }()))
        #expect(opened.steps.first?.documentReferences == ["宿司移〔2024〕r1号"])

        // A skip and a repeat are FAILED_PRECONDITION naming the current step.
        let skip = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(opened, H.decision(on: .on(2024, 5, 7)), requestId: "skip"))
        }
        #expect(
            skip?.code == .failedPrecondition && skip?.message.contains("is at REFERRED") == true,
            "\(String(describing: skip))")
        let investigating = try await harness.accountability.advanceReferral(
            harness.advance(opened, H.investigation(on: .on(2024, 5, 7)), requestId: "s2", at: .noon(2024, 5, 7)))
        #expect(investigating.step == .investigating && investigating.version == 2)
        #expect(investigating.steps.last?.performedBy == "市纪委监委 王五")
        #expect(investigating.steps.last?.occurredAt == Instant.noon(2024, 5, 7).timestamp)
        #expect(investigating.steps.last?.documentReferences == ["doc-s2"])
        let repeated = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(investigating, H.investigation(on: .on(2024, 5, 8)), requestId: "repeat"))
        }
        #expect(repeated?.code == .failedPrecondition && repeated?.message.contains("is at INVESTIGATING") == true)
        // A stale expected step is ABORTED.
        let stale = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(opened, H.investigation(on: .on(2024, 5, 8)), requestId: "stale"))
        }
        #expect(stale?.code == .aborted)
        // Not before the previous step.
        let early = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(
                    investigating, H.opinion(.accountable, persons: [H.person("A001")]), requestId: "early",
                    at: .noon(2024, 5, 6)))
        }
        #expect(early?.code == .invalidArgument && early?.violatedFields == ["occurred_at"])
        // A retry of an accepted step returns the same answer; the id with another request is refused.
        let retry = try await harness.accountability.advanceReferral(
            harness.advance(opened, H.investigation(on: .on(2024, 5, 7)), requestId: "s2", at: .noon(2024, 5, 7)))
        #expect(retry == investigating)
        let reused = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(opened, H.investigation(on: .on(2024, 5, 8)), requestId: "s2", at: .noon(2024, 5, 8)))
        }
        #expect(reused?.code == .alreadyExists)

        let proposed = try await harness.accountability.advanceReferral(
            harness.advance(
                investigating, H.opinion(.heavier, persons: [H.person("A001")]), requestId: "s3", at: .noon(2024, 5, 8))
        )
        let executed = try await harness.accountability.advanceReferral(
            harness.advance(proposed, H.decision(on: .on(2024, 5, 9)), requestId: "s4", at: .noon(2024, 5, 9)))
        #expect(executed.step == .decisionExecuted && executed.version == 4 && executed.disposition == .heavier)
        #expect(executed.steps.map(\.step) == [.referred, .investigating, .opinionProposed, .decisionExecuted])
        let afterwards = await failure {
            try await harness.accountability.advanceReferral(
                harness.advance(executed, H.decision(on: .on(2024, 6, 1)), requestId: "after"))
        }
        #expect(afterwards?.code == .failedPrecondition && afterwards?.message.contains("complete") == true)
        #expect(
            try await harness.accountability.getReferral(
                {
                    var request = V1.GetReferralRequest()
                    request.id = opened.id
                    return request
                }()) == executed)
        await harness.stop()
    }

    /// Every bad field at once, nothing written: persons are named by key, once each, with a
    /// sanction when held accountable; the unit alone needs the flag, which only goes with
    /// accountability.
    @Test func badRequestsAreRefusedNamingEveryFieldBeforeAnythingIsWritten() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("宿城区", code: "321302")
        let agency = try await harness.agency("宿城区人民政府", in: county)
        var bad = V1.OpenReferralRequest()
        bad.reason = " "
        // Blank, not empty: the Swift client cannot encode an empty element of a repeated string
        // (protobuf-c reads it as a NULL string); grpcio's "" is covered in test_accountability.py.
        bad.documentReferences = [" "]
        let open = await failure { try await harness.accountability.openReferral(bad) }
        #expect(open?.code == .invalidArgument)
        #expect(
            Set(open?.violatedFields ?? [])
                == [
                    "request_id", "source", "region_id", "agency_id", "reason", "performed_by",
                    "document_references[0]",
                ])
        var manual = harness.manualReferral(agency, requestId: "m", at: .noon(2024, 1, 1))
        manual.source?.origin = .manual(V1.ManualSource())
        manual.occurredAt = harness.clock.now().adding(seconds: 3600).timestamp
        let manualError = await failure { try await harness.accountability.openReferral(manual) }
        #expect(
            Set(manualError?.violatedFields ?? [])
                == ["source.manual.description", "source.manual.document_reference", "occurred_at"])
        #expect(try await harness.referrals().isEmpty)

        let referral = try await harness.accountability.openReferral(
            harness.manualReferral(agency, requestId: "ok", at: .noon(2024, 1, 1)))
        let investigating = try await harness.accountability.advanceReferral(
            harness.advance(referral, H.investigation(on: .on(2024, 1, 2)), requestId: "i", at: .noon(2024, 1, 2)))
        let cases: [(V1.AdvanceReferralRequest.NextStep, Set<String>)] = [
            (H.opinion(.accountable, persons: []), ["handling_opinion_proposed.persons"]),
            (H.opinion(.exempt, persons: [], unit: true), ["handling_opinion_proposed.unit_held_accountable"]),
            (
                H.opinion(
                    .lighter, persons: [H.person(""), H.person("K1", sanction: ""), H.person("K2"), H.person("K2")]),
                [
                    "handling_opinion_proposed.persons[0].person_key", "handling_opinion_proposed.persons[1].sanction",
                    "handling_opinion_proposed.persons[3].person_key",
                ]
            ),
            (H.opinion(.unspecified, persons: []), ["handling_opinion_proposed.disposition"]),
        ]
        for (step, fields) in cases {
            let error = await failure {
                try await harness.accountability.advanceReferral(
                    harness.advance(
                        investigating, step, requestId: "o-\(fields.count)-\(fields.sorted().first!.count)",
                        at: .noon(2024, 1, 3)))
            }
            #expect(
                error?.code == .invalidArgument && Set(error?.violatedFields ?? []) == fields,
                "\(String(describing: error))")
        }
        var missing = harness.advance(investigating, H.investigation(on: .on(2024, 1, 3)), requestId: "n")
        missing.nextStep = nil
        missing.expectedStep = .unspecified
        let none = await failure { try await harness.accountability.advanceReferral(missing) }
        #expect(Set(none?.violatedFields ?? []) == ["next_step", "expected_step"])
        // Exempt may name persons without sanctions; the unit alone is enough when held accountable.
        _ = try await harness.accountability.advanceReferral(
            harness.advance(
                investigating, H.opinion(.accountable, persons: [], unit: true), requestId: "unit",
                at: .noon(2024, 1, 3)))
        await harness.stop()
    }

    /// Intake is asked about what a request names: unknown ids are NOT_FOUND naming the field,
    /// and the region must be the agency's.
    @Test func whatARequestNamesMustExistInIntake() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("宿豫区", code: "321311")
        let other = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("宿豫区人民政府", in: county)
        var request = harness.manualReferral(agency, requestId: "x", at: .noon(2024, 1, 1))
        request.agencyId = "agency-999"
        var error = await failure { try await harness.accountability.openReferral(request) }
        #expect(error?.code == .notFound && error?.message.hasPrefix("agency_id:") == true)
        request = harness.manualReferral(agency, requestId: "x", at: .noon(2024, 1, 1))
        request.regionId = "region-999"
        error = await failure { try await harness.accountability.openReferral(request) }
        #expect(error?.code == .notFound && error?.message.hasPrefix("region_id:") == true)
        request.regionId = other.id
        error = await failure { try await harness.accountability.openReferral(request) }
        #expect(error?.code == .invalidArgument && error?.violatedFields == ["region_id"])
        for origin in [V1.ReferralSource.Origin.caseId("case-77"), .opinionId("opinion-5"), .alertSequence(4)] {
            request = harness.manualReferral(agency, requestId: "x-\(origin)", at: .noon(2024, 1, 1))
            request.source?.origin = origin
            error = await failure { try await harness.accountability.openReferral(request) }
            #expect(
                error?.code == .notFound && error?.message.hasPrefix("source.") == true, "\(String(describing: error))")
        }
        #expect(try await harness.referrals().isEmpty)
        await harness.stop()
    }

    /// The same agency losing twice within a year: the second loss's referral names both cases;
    /// a third loss more than a year after the first but within 365 days of the second names those
    /// two; another agency's loss counts for that agency only.
    @Test func aSecondLossWithinAYearFlagsTheReferralWithTheCasesThatCausedIt() async throws {
        var rules = AccountabilityRules()
        rules.referrals.fromCaseLost = false
        let harness = try await AccountabilityHarness(rules: rules)
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县市场监督管理局", in: county)
        let other = try await harness.agency("泗洪县人民政府", in: county)
        let first = try await harness.file(
            agency, filed: .on(2023, 1, 5), concluded: .on(2023, 3, 1), outcome: .revoked)
        let elsewhere = try await harness.file(
            other, filed: .on(2023, 1, 5), concluded: .on(2023, 4, 1), outcome: .revoked)
        let second = try await harness.file(
            agency, filed: .on(2023, 6, 5), concluded: .on(2023, 12, 1), outcome: .confirmedIllegal)
        let third = try await harness.file(
            agency, filed: .on(2024, 6, 5), concluded: .on(2024, 11, 29), outcome: .varied)
        try await harness.sync()
        #expect(try await harness.referrals().isEmpty)  // not configured: the losses are still counted

        let alerts = try await harness.alerts()
        func alert(_ record: Shuangjiang.Intake.V1.Case) -> Int64 {
            alerts.first { if case .caseLost(let lost) = $0.details { lost.caseId == record.id } else { false } }!
                .sequence
        }
        var fromAlert = harness.caseReferral(first, requestId: "a")
        fromAlert.source?.origin = .alertSequence(alert(first))
        let a = try await harness.accountability.openReferral(fromAlert)
        #expect(a.caseId == first.id && a.repeatedLoss == nil)
        let b = try await harness.accountability.openReferral(harness.caseReferral(second, requestId: "b"))
        #expect(b.repeatedLoss?.caseIds == [first.id, second.id])
        #expect(b.repeatedLoss?.windowFirstDay == CivilDate.on(2022, 12, 2).date)
        #expect(b.repeatedLoss?.windowLastDay == CivilDate.on(2023, 12, 1).date)
        let c = try await harness.accountability.openReferral(harness.caseReferral(third, requestId: "c"))
        #expect(c.repeatedLoss?.caseIds == [second.id, third.id])
        let d = try await harness.accountability.openReferral(harness.caseReferral(elsewhere, requestId: "d"))
        #expect(d.repeatedLoss == nil)
        await harness.stop()
    }

    /// intake: an important incident never reported up → assessment: OPINION_DEADLINE_MISSED
    /// (judged as the next change is applied) → accountability: a referral for the incident,
    /// against its department.
    @Test func anIncidentNotReportedUpInTimeBecomesAReferral() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("宿城区", code: "321302")
        let agency = try await harness.agency("宿城区卫生健康委员会", in: county)
        var report = Shuangjiang.Intake.V1.ReportOpinionRequest()
        report.requestId = "incident"
        report.departmentAgencyId = agency.id
        report.regionId = county.id
        report.category = .riskSelfMedia
        report.source = "微博"
        report.detectedAt = harness.intakeClock.now().adding(seconds: -2 * 3600).timestamp
        report.importance = .important
        report.summary = "自媒体发布医院收费争议视频"
        let incident = try await harness.intake.reportOpinion(report)
        _ = try await harness.region("泗阳县", code: "321323")  // a later change: feed time moves past the hour
        try await harness.sync()
        let missed = try #require(try await harness.alerts().first { $0.kind == .opinionDeadlineMissed })
        let referrals = try await harness.referrals()
        #expect(referrals.count == 1)
        #expect(referrals.first?.opinionId == incident.id && referrals.first?.agencyId == agency.id)
        #expect(referrals.first?.source?.origin == .alertSequence(missed.sequence))
        #expect(referrals.first?.steps.first?.performedBy == "system")
        await harness.stop()
    }

    /// A missed opinion deadline opens one referral for the incident; a second deadline of the
    /// same incident opens nothing more.
    @Test func aMissedOpinionDeadlineOpensOneReferralPerIncident() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("宿城区", code: "321302")
        let agency = try await harness.agency("宿城区卫生健康委员会", in: county)
        for (sequence, deadline) in [
            (Int64(900), Shuangjiang.Common.V1.OpinionDeadlineKind.firstStatement), (901, .formalResponse),
        ] {
            var missed = Shuangjiang.Assessment.V1.OpinionDeadlineMissed()
            missed.opinionId = "opinion-3"
            missed.departmentAgencyId = agency.id
            missed.regionId = county.id
            missed.deadline = deadline
            var alert = Shuangjiang.Assessment.V1.Alert()
            alert.sequence = sequence
            alert.kind = .opinionDeadlineMissed
            alert.createdAt = Instant.noon(2024, 8, 1).timestamp
            alert.details = .opinionDeadlineMissed(missed)
            try await harness.apply(alert)
        }
        let referrals = try await harness.referrals()
        #expect(referrals.count == 1)
        #expect(referrals.first?.opinionId == "opinion-3" && referrals.first?.source?.origin == .alertSequence(900))
        #expect(referrals.first?.steps.first?.performedBy == "system")
        await harness.stop()
    }

    @Test func listsFilterAndPage() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("沭阳县人民政府", in: county)
        let other = try await harness.agency("沭阳县公安局", in: county)
        for index in 0..<7 {
            _ = try await harness.accountability.openReferral(
                harness.manualReferral(
                    index < 5 ? agency : other, requestId: "l\(index)", at: .noon(2024, Int32(index + 1), 3)))
        }
        #expect(try await harness.referrals { $0.pageSize = 2 }.count == 7)
        #expect(try await harness.referrals { $0.agencyId = other.id }.count == 2)
        #expect(try await harness.referrals { $0.openedIn = H.range(.on(2024, 2, 1), .on(2024, 4, 30)) }.count == 3)
        #expect(try await harness.referrals { $0.step = .investigating }.isEmpty)
        var request = V1.ListReferralsRequest()
        request.pageSize = 2
        let page = try await harness.accountability.listReferrals(request)
        request.pageToken = page.nextPageToken
        request.agencyId = agency.id
        let edited = await failure { try await harness.accountability.listReferrals(request) }
        #expect(edited?.code == .invalidArgument && edited?.violatedFields == ["page_token"])
        await harness.stop()
    }
}
