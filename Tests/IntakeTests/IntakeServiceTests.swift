import GRPC
import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

@Suite struct IntakeServiceTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    @Test func aCaseIsFiledAndItsEventsDeriveItsState() async throws {
        let h = try await IntakeHarness.make()
        var record = try await h.client.fileCase(h.filing(1))
        #expect(record.version == 1 && record.state == .filed && record.courtCode == "苏03")
        record = try await h.record(record, E.mediationStarted(E.day(2024, 3, 2)), requestId: "e1")
        record = try await h.record(record, E.mediationConcluded(E.day(2024, 3, 9)), requestId: "e2")
        record = try await h.record(record, E.hearing(), requestId: "e3")
        record = try await h.record(record, E.appearance(E.day(2024, 4, 1)), requestId: "e4")
        record = try await h.record(record, E.concluded(.claimDismissed, E.day(2024, 5, 1)), requestId: "e5")
        record = try await h.record(record, E.appealed(E.day(2024, 5, 10)), requestId: "e6")
        record = try await h.record(
            record, E.concluded(.revoked, E.day(2024, 6, 1), instance: .second), requestId: "e7")
        var get = V1.GetCaseRequest()
        get.id = record.id
        let read = try await h.client.getCase(get)
        #expect(read == record)
        #expect(read.version == 8 && read.events.map(\.version) == Array(2...8))
        #expect(read.state == .concluded && read.firstInstanceOutcome == .claimDismissed)
        #expect(read.finalOutcome == .revoked && read.isLoss, "the reversing appeal decides the final outcome")
        #expect(await h.stop())
    }

    @Test func everyBadFieldIsNamedAtOnceAndNothingIsWritten() async throws {
        let h = try await IntakeHarness.make()
        let feedBefore = h.database.lastCommittedSequence
        var request = h.filing(1)
        request.docketNumber = "(2024)苏03民初1号"
        var impossible = Shuangjiang.Common.V1.Date()
        impossible.year = 2024
        impossible.month = 2
        impossible.day = 30
        request.filedOn = impossible
        request.courtName = ""
        request.plaintiffCount = -1
        do {
            _ = try await h.client.fileCase(request)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            #expect(
                Set(error.violatedFields) == ["docket_number", "filed_on", "court_name", "plaintiff_count"],
                "\(error.violatedFields)")
        }
        request = h.filing(2)
        request.requestId = ""
        await #expect(throws: RPCError.self) { try await h.client.fileCase(request) }
        #expect(h.database.lastCommittedSequence == feedBefore)
        #expect(try await h.client.listCases(V1.ListCasesRequest()).cases.isEmpty)
        #expect(await h.stop())
    }

    /// The schema's foreign keys find a missing agency or region; the error still names the
    /// field, agency before region, before a duplicate docket, and writes nothing.
    @Test func aMissingAgencyOrRegionIsNotFoundNamingTheField() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        let feedBefore = h.database.lastCommittedSequence
        func expectNotFound(_ request: V1.FileCaseRequest, naming field: String) async {
            let error = await #expect(throws: RPCError.self) { try await h.client.fileCase(request) }
            #expect(
                error?.code == .notFound && error?.message.hasPrefix(field + ":") == true,
                "\(String(describing: error))")
        }
        var request = h.filing(2)
        request.defendantAgencyId = "agency-999"
        await expectNotFound(request, naming: "defendant_agency_id")
        request.regionId = "region-999"
        await expectNotFound(request, naming: "defendant_agency_id")
        request = h.filing(2)
        request.regionId = "region-999"
        await expectNotFound(request, naming: "region_id")
        request.regionId = h.agency.id  // an id of another kind names no region
        await expectNotFound(request, naming: "region_id")
        request = h.filing(1, requestId: "another")  // the docket of the case filed above
        request.defendantAgencyId = "agency-999"
        await expectNotFound(request, naming: "defendant_agency_id")
        #expect(h.database.lastCommittedSequence == feedBefore)
        #expect(try await h.client.listCases(V1.ListCasesRequest()).cases == [filed])
        #expect(await h.stop())
    }

    @Test func onlyIdsTheServiceIssuedFindARecord() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        var get = V1.GetCaseRequest()
        get.id = filed.id
        #expect(try await h.client.getCase(get) == filed)
        let strangers = [
            "", "case-", "case-0", "case--1", "case-+1", "case-1x", "case-99999999999999999999", "cases-1", "Case-1",
            "agency-1", " case-1", "case-１",
        ]
        for id in strangers {
            get.id = id
            let error = await #expect(throws: RPCError.self, "\(id) found a case") { try await h.client.getCase(get) }
            #expect(error?.code == .notFound || error?.code == .invalidArgument, "\(id): \(String(describing: error))")
        }
        #expect(await h.stop())
    }

    /// Length limits count characters, not bytes or code points.
    @Test func textLimitsCountCharacters() async throws {
        let h = try await IntakeHarness.make()
        var request = h.filing(1)
        request.categoryDetail = String(repeating: "征", count: 64)  // 192 UTF-8 bytes
        #expect(try await h.client.fileCase(request).categoryDetail == request.categoryDetail)
        request = h.filing(2)
        request.categoryDetail = String(repeating: "e\u{301}", count: 64)  // 128 scalars, 64 characters
        #expect(try await h.client.fileCase(request).categoryDetail.count == 64)
        for tooLong in [String(repeating: "征", count: 65), String(repeating: "e\u{301}", count: 65)] {
            request = h.filing(3)
            request.categoryDetail = tooLong
            let error = await #expect(throws: RPCError.self) { try await h.client.fileCase(request) }
            #expect(error?.violatedFields == ["category_detail"])
        }
        #expect(await h.stop())
    }

    @Test func theMarkerMustAgreeWithTheInstanceAndTheYearWithTheFilingDate() async throws {
        let h = try await IntakeHarness.make()
        var request = h.filing(1)
        request.instance = .second
        request.filedOn = E.day(2023, 12, 1)
        do {
            _ = try await h.client.fileCase(request)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(Set(error.violatedFields) == ["docket_number", "filed_on"])
        }
        #expect(await h.stop())
    }

    @Test func aRetryReturnsTheSameCaseAndAReusedIdIsAlreadyExists() async throws {
        let h = try await IntakeHarness.make()
        let first = try await h.client.fileCase(h.filing(1, requestId: "same"))
        h.clock.set(IntakeHarness.start.adding(seconds: 60))
        let retry = try await h.client.fileCase(h.filing(1, requestId: "same"))
        #expect(retry == first, "byte-identical replay, created_at included")
        do {
            _ = try await h.client.fileCase(h.filing(2, requestId: "same"))
            Issue.record("expected ALREADY_EXISTS")
        } catch let error as RPCError {
            #expect(error.code == .alreadyExists && error.message.contains("same"))
        }
        do {
            _ = try await h.client.fileCase(h.filing(1, requestId: "other"))
            Issue.record("expected ALREADY_EXISTS for the docket number")
        } catch let error as RPCError {
            #expect(error.code == .alreadyExists && error.message.contains("docket_number"))
        }
        #expect(try await h.client.listCases(V1.ListCasesRequest()).cases.count == 1)
        #expect(await h.stop())
    }

    @Test func aStaleVersionIsAbortedAndAForbiddenEventNamesItsRule() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        let concluded = try await h.record(filed, E.concluded(.revoked, E.day(2024, 5, 1)), requestId: "c1")
        do {
            _ = try await h.record(filed, E.hearing(), requestId: "stale")
            Issue.record("expected ABORTED")
        } catch let error as RPCError {
            #expect(error.code == .aborted)
        }
        do {
            _ = try await h.record(concluded, E.appearance(E.day(2024, 5, 2)), requestId: "late")
            Issue.record("expected FAILED_PRECONDITION")
        } catch let error as RPCError {
            #expect(error.code == .failedPrecondition && error.message.contains(CaseRule.eventAfterConclusion.rawValue))
        }
        let retry = try await h.record(filed, E.concluded(.revoked, E.day(2024, 5, 1)), requestId: "c1")
        #expect(retry == concluded, "a retry of an applied event replays, despite the version having moved")
        #expect(await h.stop())
    }

    @Test func pagesAreStableWhileCasesAreInserted() async throws {
        let h = try await IntakeHarness.make()
        for i in 0..<10 {
            _ = try await h.client.fileCase(h.filing(100 + i, filedOn: E.day(2024, 3, Int32(1 + i))))
        }
        var request = V1.ListCasesRequest()
        request.pageSize = 4
        var seen: [String] = []
        var page = 0
        repeat {
            let response = try await h.client.listCases(request)
            seen += response.cases.map(\.docketNumber)
            // Insert both before and after the cursor between pages.
            _ = try await h.client.fileCase(h.filing(200 + page, filedOn: E.day(2024, 1, 1)))
            _ = try await h.client.fileCase(h.filing(300 + page, filedOn: E.day(2024, 6, 1)))
            page += 1
            request.pageToken = response.nextPageToken
        } while !request.pageToken.isEmpty && page < 20
        let original = (0..<10).map { "(2024)苏03行初\(100 + $0)号" }
        #expect(Array(seen.prefix(10)) == original, "every original case once, in filed_on order")
        #expect(Set(seen).count == seen.count, "no duplicates")
        var other = V1.ListCasesRequest()
        other.pageToken = h.filing(0).docketNumber
        await #expect(throws: RPCError.self) { try await h.client.listCases(other) }
        #expect(await h.stop())
    }

    @Test func aPageTokenIsBoundToItsFilters() async throws {
        let h = try await IntakeHarness.make()
        for i in 0..<3 { _ = try await h.client.fileCase(h.filing(i + 1)) }
        var request = V1.ListCasesRequest()
        request.pageSize = 1
        let first = try await h.client.listCases(request)
        request.pageToken = first.nextPageToken
        request.kind = .reconsideration
        do {
            _ = try await h.client.listCases(request)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(error.violatedFields == ["page_token"])
        }
        #expect(await h.stop())
    }

    @Test func watchingDeliversHistoryThenLiveChangesWithNoGapOrDuplicate() async throws {
        let h = try await IntakeHarness.make()
        for i in 0..<300 { _ = try await h.client.fileCase(h.filing(i + 1)) }  // beyond one batch
        var request = V1.WatchEventsRequest()
        request.afterSequence = 0
        let call = h.client.watchEvents(request)
        let writer = Task {
            for i in 0..<50 { _ = try await h.client.fileCase(h.filing(1000 + i)) }
        }
        var sequences: [Int64] = []
        for try await change in call.responses {
            sequences.append(change.sequence)
            if sequences.count == 3 + 300 + 50 { break }
        }
        try await writer.value
        call.cancel()
        #expect(sequences == Array(1...353))
        var dump = V1.WatchEventsRequest()
        dump.afterSequence = 350
        dump.stopAtHead = true
        var tail: [V1.ChangeEvent] = []
        for try await change in h.client.watchEvents(dump).responses { tail.append(change) }
        #expect(tail.map(\.sequence) == [351, 352, 353])
        guard case .caseFiled(let filed) = tail.last?.change else {
            Issue.record("expected case_filed")
            return
        }
        #expect(filed.docketNumber == "(2024)苏03行初1049号")
        #expect(await h.stop())
    }

    @Test func importReportsOneResultPerRow() async throws {
        let h = try await IntakeHarness.make()
        let call = h.client.importCases()
        let good = IntakeHarness.importRow(
            1, h.filing(1), events: [E.hearing(), E.concluded(.revoked, E.day(2024, 5, 1))])
        var badField = IntakeHarness.importRow(2, h.filing(2))
        badField.filing?.docketNumber = "nonsense"
        let badSequence = IntakeHarness.importRow(
            3, h.filing(3), events: [E.concluded(.revoked, E.day(2024, 5, 1)), E.concluded(.varied, E.day(2024, 5, 2))])
        var duplicate = good
        duplicate.rowNumber = 4
        for row in [good, badField, badSequence, duplicate] { try await call.send(row) }
        let response = try await call.response()
        #expect(response.results.map(\.rowNumber) == [1, 2, 3, 4])
        #expect(response.results.map(\.accepted) == [true, false, false, true])
        #expect(response.results[3].replayed && response.results[3].caseId == response.results[0].caseId)
        #expect(response.results[1].statusCode == StatusCode.invalidArgument.rawValue)
        #expect(response.results[1].fieldViolations.map(\.field) == ["filing.docket_number"])
        #expect(response.results[2].statusCode == StatusCode.failedPrecondition.rawValue)
        #expect(response.results[2].rejectionReason.contains("events[1]"))
        #expect(response.acceptedCount == 2 && response.rejectedCount == 2)
        let cases = try await h.client.listCases(V1.ListCasesRequest()).cases
        #expect(cases.count == 1 && cases[0].version == 3 && cases[0].isLoss, "the bad sequence row left nothing")
        // Its events were refused before its case was filed, so its batch did not have to be
        // undone and run again.
        #expect(h.database.writeStatistics.rerunBatches == 0)
        #expect(await h.stop())
    }

    @Test func anOpinionCarriesItsDeadlinesAsOfNow() async throws {
        let h = try await IntakeHarness.make()
        var report = V1.ReportOpinionRequest()
        report.requestId = "op-1"
        report.departmentAgencyId = h.agency.id
        report.regionId = h.district.id
        report.category = .riskSelfMedia
        report.source = "微博"
        report.detectedAt = IntakeHarness.start.timestamp
        report.importance = .important
        report.summary = "a video of a disputed penalty"
        var opinion = try await h.client.reportOpinion(report)
        #expect(opinion.version == 1 && opinion.deadlines.map(\.status) == [.pending])
        var milestone = V1.RecordOpinionMilestoneRequest()
        milestone.opinionId = opinion.id
        milestone.expectedVersion = 1
        milestone.requestId = "m-1"
        milestone.kind = .mediaAttention
        milestone.occurredAt = IntakeHarness.start.adding(seconds: 1800).timestamp
        h.clock.set(IntakeHarness.start.adding(seconds: 1800))
        opinion = try await h.client.recordOpinionMilestone(milestone)
        #expect(opinion.deadlines.map(\.kind) == [.reportUp, .firstStatement, .inquiriesAccepted, .formalResponse])
        milestone.requestId = "m-2"
        milestone.expectedVersion = 2
        do {
            _ = try await h.client.recordOpinionMilestone(milestone)
            Issue.record("expected FAILED_PRECONDITION")
        } catch let error as RPCError {
            #expect(error.code == .failedPrecondition && error.message.contains(OpinionRule.milestoneRepeated.rawValue))
        }
        h.clock.set(IntakeHarness.start.adding(seconds: 2 * 3600))
        var get = V1.GetOpinionRequest()
        get.id = opinion.id
        let later = try await h.client.getOpinion(get)
        #expect(later.deadlines.map(\.status) == [.missed, .pending, .pending, .pending])
        var missed = V1.ListOpinionsRequest()
        missed.missedDeadlineOnly = true
        #expect(try await h.client.listOpinions(missed).opinions.map(\.id) == [opinion.id])
        h.clock.set(IntakeHarness.start.adding(seconds: 1800))
        #expect(try await h.client.listOpinions(missed).opinions.isEmpty)
        #expect(await h.stop())
    }

    @Test func regionsAndAgenciesFollowTheirRules() async throws {
        let h = try await IntakeHarness.make()
        await #expect(throws: RPCError.self) {
            try await h.client.createRegion(IntakeHarness.region("city2", "另一市", .city, "320400"))
        }
        #expect(h.district.parentRegionId == h.city.id)
        var agency = V1.CreateAgencyRequest()
        agency.requestId = "bad-agency"
        agency.name = "徐州市人民政府"
        agency.agencyType = .peoplesGovernment
        agency.level = .city
        agency.regionId = h.district.id
        do {
            _ = try await h.client.createAgency(agency)
            Issue.record("expected INVALID_ARGUMENT")
        } catch let error as RPCError {
            #expect(error.violatedFields == ["region_id"])
        }
        agency.regionId = "region-999"
        do {
            _ = try await h.client.createAgency(agency)
            Issue.record("expected NOT_FOUND")
        } catch let error as RPCError {
            #expect(error.code == .notFound)
        }
        var list = V1.ListRegionsRequest()
        list.pageSize = 1
        let first = try await h.client.listRegions(list)
        list.pageToken = first.nextPageToken
        let second = try await h.client.listRegions(list)
        #expect((first.regions + second.regions).map(\.divisionCode) == ["320300", "320302"])
        #expect(second.nextPageToken.isEmpty)
        #expect(await h.stop())
    }
}
