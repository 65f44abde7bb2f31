import Accountability
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// Monthly batches and escalations through the public RPCs.
@Suite struct BatchAndEscalationTests {
    typealias V1 = Shuangjiang.Accountability.V1
    typealias H = AccountabilityHarness

    /// A clue goes into the first batch compiled whose month ends on or after the (city-zone) day
    /// it was referred, once; compiling a month again returns its batch as it was, whoever asks.
    @Test func aMonthsBatchTakesEachClueOnceAndCompilingAgainReturnsIt() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("沭阳县人民政府", in: county)
        let shanghai = CityTimeZone.shanghai
        func open(_ id: String, _ instant: Instant) async throws -> V1.Referral {
            try await harness.accountability.openReferral(harness.manualReferral(agency, requestId: id, at: instant))
        }
        let february = try await open("feb", .noon(2024, 2, 10))
        let march = try await open("mar", .noon(2024, 3, 5))
        // 23:30 on 31 March in Shanghai is still March; 00:30 on 1 April (16:30 UTC on 31 March) is not.
        let lastEvening = try await open(
            "mar-31", shanghai.start(of: .on(2024, 3, 31)).adding(seconds: 23 * 3600 + 1800))
        let april = try await open("apr-1", shanghai.start(of: .on(2024, 4, 1)).adding(seconds: 1800))

        let batch = try await harness.compile(2024, 3, requestId: "b-march")
        #expect(batch.number == 1 && batch.month?.lastDay == CivilDate.on(2024, 3, 31).date)
        #expect(batch.referrals.map(\.id) == [february.id, march.id, lastEvening.id])
        #expect(batch.referrals.allSatisfy { $0.batchId == batch.id })
        #expect(batch.compiledBy == "市司法局 赵六")
        // Again, under another request id: the same batch, unchanged.
        #expect(try await harness.compile(2024, 3, requestId: "b-march-again") == batch)
        // February compiled afterwards gets nothing: its clue is in March's batch.
        let lateFebruary = try await harness.compile(2024, 2, requestId: "b-feb")
        #expect(lateFebruary.referrals.isEmpty && lateFebruary.number == 2)
        // A clue referred in March but recorded after March was compiled rolls into April's.
        let late = try await open("late", .noon(2024, 3, 20))
        let aprilBatch = try await harness.compile(2024, 4, requestId: "b-april")
        #expect(aprilBatch.referrals.map(\.id) == [late.id, april.id])
        #expect(
            try await harness.referrals { $0.batchId = batch.id }.map(\.id) == [february.id, march.id, lastEvening.id])

        let now = harness.clock.now()
        let today = shanghai.date(of: now)!
        let current = await failure { try await harness.compile(today.year, today.month, requestId: "now") }
        #expect(current?.code == .failedPrecondition && current?.message.hasPrefix("month:") == true)
        var quarter = V1.CompileMonthlyBatchRequest()
        quarter.requestId = "q"
        quarter.compiledBy = "x"
        quarter.month = H.month(2024, 1)
        quarter.month?.kind = .quarter
        let kind = await failure { try await harness.accountability.compileMonthlyBatch(quarter) }
        #expect(kind?.code == .invalidArgument && kind?.violatedFields == ["month.kind"])
        // The same request id for another month is refused.
        let reused = await failure { try await harness.compile(2024, 5, requestId: "b-march") }
        #expect(reused?.code == .alreadyExists)
        await harness.stop()
    }

    /// Two quarters over 10 % in 2022: the first is an interview with the deputy mayor in charge,
    /// the second a self-criticism at the executive meeting; outcomes are recorded once, held
    /// after the quarter; replaying the alerts opens nothing more.
    @Test func crossingsOpenAnInterviewThenASelfCriticismAndOutcomesAreRecordedOnce() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        func quarter(_ losses: Int, filed: CivilDate, concluded: CivilDate) -> [(
            Shuangjiang.Intake.V1.Agency, CivilDate, CivilDate?, Shuangjiang.Intake.V1.CaseOutcome?
        )] {
            (0..<20).map { (agency, filed, concluded, $0 < losses ? .revoked : .claimDismissed) }
        }
        _ = try await harness.importCases(
            quarter(3, filed: .on(2022, 1, 5), concluded: .on(2022, 2, 10))  // Q1 15 %
                + quarter(2, filed: .on(2022, 4, 5), concluded: .on(2022, 5, 10))  // Q2 10 %: not over
                + quarter(5, filed: .on(2022, 7, 5), concluded: .on(2022, 8, 10)))  // Q3 25 %
        try await harness.sync()

        var list = V1.ListEscalationsRequest()
        let escalations = try await harness.accountability.listEscalations(list).escalations
        #expect(escalations.map(\.kind) == [.interview, .selfCriticism])
        #expect(escalations.map { $0.quarter?.index } == [1, 3])
        #expect(escalations.map(\.convener) == ["市政府分管副市长", "市政府常务会议"])
        #expect(escalations.map(\.occurrence) == [1, 2])
        #expect(escalations.allSatisfy { $0.status == .pending && $0.regionId == county.id && $0.regionName == "泗洪县" })
        #expect(escalations.first?.lossRate?.numerator == 3 && escalations.first?.lossRate?.denominator == 20)
        list.kind = .selfCriticism
        #expect(try await harness.accountability.listEscalations(list).escalations.map(\.id) == [escalations[1].id])
        list = V1.ListEscalationsRequest()
        var within = Shuangjiang.Common.V1.Period()
        within.kind = .quarter
        within.year = 2022
        within.index = 1
        list.within = within
        #expect(try await harness.accountability.listEscalations(list).escalations.map(\.id) == [escalations[0].id])

        for alert in try await harness.alerts() { try await harness.apply(alert) }
        #expect(try await harness.accountability.listEscalations(V1.ListEscalationsRequest()).escalations.count == 2)

        func record(
            _ escalation: V1.Escalation, _ status: V1.EscalationStatus, heldOn: CivilDate?, id: String,
            version: Int64? = nil
        )
            async throws -> V1.Escalation
        {
            var request = V1.RecordEscalationOutcomeRequest()
            request.escalationId = escalation.id
            request.expectedVersion = version ?? escalation.version
            request.requestId = id
            request.status = status
            request.heldOn = heldOn?.date
            request.conductedBy = status == .completed ? "分管副市长 李四" : ""
            request.summary = status == .completed ? "约谈泗洪县政府主要负责人, 要求限期整改" : "败诉判决经二审改判, 本季度未超线"
            request.recordedBy = "市司法局 张三"
            return try await harness.accountability.recordEscalationOutcome(request)
        }
        let early = await failure {
            try await record(escalations[0], .completed, heldOn: .on(2022, 3, 31), id: "early")
        }
        #expect(early?.code == .invalidArgument && early?.violatedFields == ["held_on"])
        let held = try await record(escalations[0], .completed, heldOn: .on(2022, 4, 20), id: "held")
        #expect(
            held.status == .completed && held.version == 2 && held.outcome?.heldOn == CivilDate.on(2022, 4, 20).date)
        let twice = await failure { try await record(held, .cancelled, heldOn: nil, id: "twice") }
        #expect(twice?.code == .failedPrecondition)
        let stale = await failure { try await record(escalations[1], .cancelled, heldOn: nil, id: "stale", version: 7) }
        #expect(stale?.code == .aborted)
        let pending = await failure { try await record(escalations[1], .pending, heldOn: nil, id: "pending") }
        #expect(pending?.code == .invalidArgument && pending?.violatedFields == ["status"])
        let cancelled = try await record(escalations[1], .cancelled, heldOn: nil, id: "cancel")
        #expect(cancelled.status == .cancelled && cancelled.outcome?.heldOn == nil)
        var get = V1.GetEscalationRequest()
        get.id = held.id
        #expect(try await harness.accountability.getEscalation(get) == held)

        // "Held" counts by held_on: April 2022, whatever the quarter.
        let april = try await harness.stats(H.range(.on(2022, 4, 1), .on(2022, 4, 30)))
        #expect(april.escalationsHeld == 1)
        #expect(try await harness.stats(H.range(.on(2022, 1, 1), .on(2022, 3, 31))).escalationsHeld == 0)
        await harness.stop()
    }
}
