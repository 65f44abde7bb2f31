import GRPC
import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

/// Every text field of every intake request is bounded in bytes as well as characters, and
/// refuses blank values: one visible character can carry any number of combining marks, and
/// "   " or an ideographic space is no name.
@Suite struct TextBoundsTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    /// One character of 600 KB: a visible character and 300,000 combining acute accents.
    static let courtNameBomb = "徐" + String(repeating: "\u{301}", count: 300_000)
    /// One character of 20 KB, above every field's byte bound (the longest, source_url, allows 8 KB).
    static let bomb = "徐" + String(repeating: "\u{301}", count: 10_000)

    /// Expects INVALID_ARGUMENT naming exactly `fields`.
    static func expectInvalid<R: Sendable>(
        _ fields: [String], _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ call: () async throws -> R
    ) async {
        do {
            _ = try await call()
            Issue.record("\(what): expected INVALID_ARGUMENT on \(fields)", sourceLocation: sourceLocation)
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument, "\(what): \(error)", sourceLocation: sourceLocation)
            #expect(error.violatedFields == fields, "\(what)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(what): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aCourtNameOfCombiningMarksIsRefusedAndNothingIsWritten() async throws {
        let h = try await IntakeHarness.make()
        #expect(Self.courtNameBomb.count == 1 && Self.courtNameBomb.utf8.count > 600_000)
        let feedBefore = h.database.lastCommittedSequence
        var request = h.filing(1)
        request.courtName = Self.courtNameBomb
        await Self.expectInvalid(["court_name"], "FileCase") { try await h.client.fileCase(request) }

        let call = h.client.importCases()
        try await call.send(IntakeHarness.importRow(1, request))
        let response = try await call.response()
        #expect(response.rejectedCount == 1 && response.acceptedCount == 0)
        #expect(response.results.first?.statusCode == StatusCode.invalidArgument.rawValue)
        #expect(response.results.first?.fieldViolations.map(\.field) == ["filing.court_name"])

        #expect(h.database.lastCommittedSequence == feedBefore, "nothing written")
        #expect(try await h.client.listCases(V1.ListCasesRequest()).cases.isEmpty)
        #expect(await h.stop())
    }

    @Test func everyTextFieldOfAFilingIsBoundedInBytes() async throws {
        let h = try await IntakeHarness.make()
        let fields: [(String, WritableKeyPath<V1.FileCaseRequest, String>)] = [
            ("docket_number", \.docketNumber), ("category_detail", \.categoryDetail),
            ("defendant_agency_id", \.defendantAgencyId), ("region_id", \.regionId), ("court_name", \.courtName),
            ("court_code", \.courtCode), ("related_first_instance_case_id", \.relatedFirstInstanceCaseId),
        ]
        for (name, path) in fields {
            var request = h.filing(1)
            request.instance = .second  // related_first_instance_case_id is only for SECOND records
            request.docketNumber = "(2024)苏行终1号"
            request.courtCode = "苏"
            request[keyPath: path] = Self.bomb
            await Self.expectInvalid([name], name) { try await h.client.fileCase(request) }
        }
        var reconsideration = h.filing(2)
        reconsideration.kind = .reconsideration
        reconsideration.docketNumber = Self.bomb
        await Self.expectInvalid(["docket_number"], "decision number") {
            try await h.client.fileCase(reconsideration)
        }
        #expect(await h.stop())
    }

    @Test func everyTextFieldOfAnEventIsBoundedInBytes() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        var corrected = V1.SelfCorrected()
        corrected.correctedOn = E.day(2024, 3, 2)
        corrected.summary = Self.bomb
        var hearing = V1.HearingScheduled()
        hearing.hearingAt = IntakeHarness.start.timestamp
        hearing.courtName = Self.bomb
        var appeal = V1.Appealed()
        appeal.appealedOn = E.day(2024, 5, 2)
        appeal.appellant = .agency
        appeal.higherCourtName = Self.bomb
        var conclusion = V1.Concluded()
        conclusion.outcome = .revoked
        conclusion.concludedOn = E.day(2024, 5, 1)
        conclusion.instance = .first
        conclusion.documentNumber = Self.bomb
        var events: [(String, V1.CaseEvent.Event)] = [
            ("self_corrected.summary", .selfCorrected(corrected)),
            ("hearing_scheduled.court_name", .hearingScheduled(hearing)),
            ("appealed.higher_court_name", .appealed(appeal)),
            ("concluded.document_number", .concluded(conclusion)),
        ]
        let appearanceFields: [(String, WritableKeyPath<V1.HeadAppearance, String>)] = [
            ("person_name", \.personName), ("position", \.position), ("evaluation_note", \.evaluationNote),
        ]
        for (name, path) in appearanceFields {
            guard case .headAppearance(var appearance) = E.appearance(E.day(2024, 4, 1)) else { continue }
            appearance[keyPath: path] = Self.bomb
            events.append(("head_appearance." + name, .headAppearance(appearance)))
        }
        for (field, event) in events {
            await Self.expectInvalid([field], field) {
                try await h.record(filed, event, requestId: "e-\(field)")
            }
        }
        var bad = V1.RecordCaseEventRequest()
        bad.caseId = Self.bomb
        bad.expectedVersion = 1
        bad.requestId = "bad-case-id"
        bad.event = V1.RecordCaseEventRequest.Event(E.hearing())
        await Self.expectInvalid(["case_id"], "case_id") { try await h.client.recordCaseEvent(bad) }

        let call = h.client.importCases()
        for (index, event) in events.enumerated() {
            try await call.send(
                IntakeHarness.importRow(Int64(index + 1), h.filing(index + 2), events: [E.hearing(), event.1]))
        }
        let rows = try await call.response().results
        #expect(rows.map(\.accepted) == Array(repeating: false, count: events.count))
        #expect(rows.map { $0.fieldViolations.map(\.field) } == events.map { ["events[1].\($0.0)"] })
        #expect(try await h.client.listCases(V1.ListCasesRequest()).cases.map(\.id) == [filed.id])
        #expect(await h.stop())
    }

    @Test func regionAgencyAndOpinionTextIsBoundedInBytes() async throws {
        let h = try await IntakeHarness.make()
        await Self.expectInvalid(["name"], "region name") {
            try await h.client.createRegion(IntakeHarness.region("r", Self.bomb, .district, "320303"))
        }
        for (name, path) in [("name", \V1.CreateAgencyRequest.name), ("region_id", \.regionId)] {
            var agency = V1.CreateAgencyRequest()
            agency.requestId = "a"
            agency.name = "鼓楼区税务局"
            agency.agencyType = .tax
            agency.level = .county
            agency.regionId = h.district.id
            agency[keyPath: path] = Self.bomb
            await Self.expectInvalid([name], "agency \(name)") { try await h.client.createAgency(agency) }
        }
        let opinionFields: [(String, WritableKeyPath<V1.ReportOpinionRequest, String>)] = [
            ("department_agency_id", \.departmentAgencyId), ("region_id", \.regionId), ("source", \.source),
            ("source_url", \.sourceUrl), ("related_case_id", \.relatedCaseId), ("summary", \.summary),
        ]
        for (name, path) in opinionFields {
            var report = Self.report(h)
            report[keyPath: path] = Self.bomb
            await Self.expectInvalid([name], "opinion \(name)") { try await h.client.reportOpinion(report) }
        }
        let opinion = try await h.client.reportOpinion(Self.report(h))
        for (name, path) in [("opinion_id", \V1.RecordOpinionMilestoneRequest.opinionId), ("note", \.note)] {
            var milestone = V1.RecordOpinionMilestoneRequest()
            milestone.opinionId = opinion.id
            milestone.expectedVersion = 1
            milestone.requestId = "m"
            milestone.kind = .firstStatement
            milestone.occurredAt = IntakeHarness.start.timestamp
            milestone[keyPath: path] = Self.bomb
            await Self.expectInvalid([name], "milestone \(name)") {
                try await h.client.recordOpinionMilestone(milestone)
            }
        }
        #expect(await h.stop())
    }

    /// Ids of Get requests and id filters of List requests are never stored, but an unbounded id
    /// would come back whole in a NOT_FOUND message.
    @Test func idsAndFiltersOfReadsAreBoundedToo() async throws {
        let h = try await IntakeHarness.make()
        var region = V1.GetRegionRequest()
        region.id = Self.bomb
        await Self.expectInvalid(["id"], "GetRegion") { try await h.client.getRegion(region) }
        var agency = V1.GetAgencyRequest()
        agency.id = Self.bomb
        await Self.expectInvalid(["id"], "GetAgency") { try await h.client.getAgency(agency) }
        var record = V1.GetCaseRequest()
        record.id = Self.bomb
        await Self.expectInvalid(["id"], "GetCase") { try await h.client.getCase(record) }
        var opinion = V1.GetOpinionRequest()
        opinion.id = Self.bomb
        await Self.expectInvalid(["id"], "GetOpinion") { try await h.client.getOpinion(opinion) }
        var agencies = V1.ListAgenciesRequest()
        agencies.regionId = Self.bomb
        await Self.expectInvalid(["region_id"], "ListAgencies") { try await h.client.listAgencies(agencies) }
        var cases = V1.ListCasesRequest()
        cases.regionId = Self.bomb
        cases.defendantAgencyId = Self.bomb
        cases.docketNumber = Self.bomb
        await Self.expectInvalid(["region_id", "defendant_agency_id", "docket_number"], "ListCases") {
            try await h.client.listCases(cases)
        }
        var opinions = V1.ListOpinionsRequest()
        opinions.regionId = Self.bomb
        opinions.departmentAgencyId = Self.bomb
        await Self.expectInvalid(["region_id", "department_agency_id"], "ListOpinions") {
            try await h.client.listOpinions(opinions)
        }
        #expect(await h.stop())
    }

    /// Bounded fields still add up: 14 cases with 39 long court evaluations each (8 KB apiece, at
    /// the limit) are 4.5 MB, so a page also ends at a byte budget and the next page goes on.
    @Test func aPageOfLargeCasesStaysUnderTheStockClientLimit() async throws {
        let h = try await IntakeHarness.make()
        guard case .headAppearance(var appearance) = E.appearance(E.day(2024, 4, 1)) else { return }
        appearance.evaluationNote = String(repeating: "\u{20000}", count: 2000)  // 4 bytes each
        let events = [E.hearing()] + Array(repeating: V1.CaseEvent.Event.headAppearance(appearance), count: 39)
        let call = h.client.importCases()
        for row in 1...14 { try await call.send(IntakeHarness.importRow(Int64(row), h.filing(row), events: events)) }
        #expect(try await call.response().acceptedCount == 14)
        var request = V1.ListCasesRequest()
        request.pageSize = 50
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await h.client.listCases(request)
            #expect(try page.serializedBytes().count < 4 * 1024 * 1024)
            seen += page.cases.map(\.id)
            request.pageToken = page.nextPageToken
            pages += 1
        } while !request.pageToken.isEmpty && pages < 10
        #expect(pages == 2 && seen.count == 14 && Set(seen).count == 14)
        #expect(await h.stop())
    }

    @Test(arguments: ["   ", "\u{3000}", "\u{3000}\u{3000}", " \t\u{3000}"])
    func blankNamesAndNumbersAreRefused(blank: String) async throws {
        let h = try await IntakeHarness.make()
        let feedBefore = h.database.lastCommittedSequence
        await Self.expectInvalid(["name"], "region name") {
            try await h.client.createRegion(IntakeHarness.region("r", blank, .district, "320303"))
        }
        var agency = V1.CreateAgencyRequest()
        agency.requestId = "a"
        agency.name = blank
        agency.agencyType = .tax
        agency.level = .county
        agency.regionId = h.district.id
        await Self.expectInvalid(["name"], "agency name") { try await h.client.createAgency(agency) }
        var filing = h.filing(1)
        filing.courtName = blank
        await Self.expectInvalid(["court_name"], "court name") { try await h.client.fileCase(filing) }
        var reconsideration = h.filing(2)
        reconsideration.kind = .reconsideration
        reconsideration.docketNumber = blank
        reconsideration.courtName = "徐州市人民政府"
        await Self.expectInvalid(["docket_number"], "decision number") {
            try await h.client.fileCase(reconsideration)
        }
        guard case .headAppearance(var appearance) = E.appearance(E.day(2024, 4, 1)) else { return }
        appearance.personName = blank
        let call = h.client.importCases()
        try await call.send(IntakeHarness.importRow(1, reconsideration))
        try await call.send(
            IntakeHarness.importRow(2, h.filing(3), events: [E.hearing(), .headAppearance(appearance)]))
        let results = try await call.response().results
        #expect(
            results.map { $0.fieldViolations.map(\.field) } == [
                ["filing.docket_number"], ["events[1].head_appearance.person_name"],
            ])
        #expect(h.database.lastCommittedSequence == feedBefore, "nothing written")
        #expect(await h.stop())
    }

    static func report(_ h: IntakeHarness) -> V1.ReportOpinionRequest {
        var report = V1.ReportOpinionRequest()
        report.requestId = "op-1"
        report.departmentAgencyId = h.agency.id
        report.regionId = h.district.id
        report.category = .riskSelfMedia
        report.source = "微博"
        report.detectedAt = IntakeHarness.start.timestamp
        report.importance = .important
        report.summary = "a video of a disputed penalty"
        return report
    }
}
