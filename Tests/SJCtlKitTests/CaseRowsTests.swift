import Messages
import SJCtlKit
import SharedDomain
import Testing

@Suite struct CaseRowsTests {
    typealias V1 = Shuangjiang.Intake.V1

    static let directory: CaseRows.Directory = {
        var city = V1.Region()
        city.id = "region-1"
        city.name = "宿迁市"
        var district = V1.Region()
        district.id = "region-2"
        district.name = "宿城区"
        var agency = V1.Agency()
        agency.id = "agency-7"
        agency.name = "宿城区市场监督管理局"
        agency.regionId = "region-2"
        return CaseRows.Directory(regions: [city, district], agencies: [agency])
    }()

    static let now = Instant(seconds: 1_735_689_600)  // 2025-01-01 00:00 UTC

    func rows(_ text: String) throws -> (CaseRows, [CSVParser.Record]) {
        let records = try CSVParser.parse(text)
        return (try CaseRows(header: records[0].fields, zone: .shanghai), Array(records.dropFirst()))
    }

    @Test func theHeaderMatchesByNameInAnyOrderCaseOrChinese() throws {
        let (layout, records) = try rows(
            "立案日期,Docket Number,案由,被告,court-name,PLAINTIFF_KIND\n2024-03-05,(2024)苏1302行初15号,行政处罚,agency-7,宿城区人民法院,自然人\n"
        )
        let row = try layout.request(for: records[0], directory: Self.directory, now: Self.now).get()
        let filing = try #require(row.filing)
        #expect(row.rowNumber == 2)
        #expect(filing.docketNumber == "(2024)苏1302行初15号")
        #expect(filing.category == .penalty)
        #expect(filing.plaintiffKind == .naturalPerson)
        #expect(filing.filedOn == PeriodText.date(CivilDate(year: 2024, month: 3, day: 5)!))
        #expect(filing.kind == .litigation && filing.instance == .first)
    }

    @Test func anUnknownOrRepeatedColumnOrAMissingRequiredOneRefusesTheFile() {
        #expect(throws: CaseRows.HeaderFailure.self) {
            try CaseRows(header: ["docket_number", "categry"], zone: .shanghai)
        }
        #expect(throws: CaseRows.HeaderFailure(problem: "column \"docket_number\" appears twice")) {
            try CaseRows(header: ["docket_number", "案号"], zone: .shanghai)
        }
        do {
            _ = try CaseRows(header: ["docket_number", "category", "agency"], zone: .shanghai)
            Issue.record("accepted a header without filed_on")
        } catch {
            #expect(error.problem == "required columns missing: filed_on, court_name, plaintiff_kind")
        }
    }

    @Test func anAgencyNamedAsPeopleNameItIsFoundAndItsRegionIsTheDefault() throws {
        let (layout, records) = try rows(
            "docket_number,category,agency,filed_on,court_name,plaintiff_kind\n(2024)苏1302行初1号,penalty,宿城区市场监督管理局,2024/3/5,宿城区人民法院,legal-person\n"
        )
        let filing = try #require(
            try layout.request(for: records[0], directory: Self.directory, now: Self.now).get().filing)
        #expect(filing.defendantAgencyId == "agency-7")
        #expect(filing.regionId == "region-2")
    }

    @Test func everyProblemOfARowIsReportedAtOnceWithItsLine() throws {
        let (layout, records) = try rows(
            "docket_number,category,agency,filed_on,court_name,plaintiff_kind,outcome\n,nonsense,nobody,2024-13-01,法院,natural-person,revoked\n"
        )
        guard case .failure(let rejection) = layout.request(for: records[0], directory: Self.directory, now: Self.now)
        else {
            Issue.record("accepted a bad row")
            return
        }
        #expect(rejection.line == 2)
        #expect(
            rejection.violations.map(\.field) == ["docket_number", "category", "agency", "filed_on", "concluded_on"])
        #expect(rejection.violations[3].rule == "\"2024-13-01\" is not a date; write 2024-03-05")
        #expect(rejection.violations[4].rule == "is needed with outcome")
    }

    @Test func eventsGoInDateOrderAndOnOneDayInLifeCycleOrder() throws {
        let (layout, records) = try rows(
            """
            docket_number,category,agency,filed_on,court_name,plaintiff_kind,outcome,concluded_on,appealed_on,appellant,higher_court,hearing_at,head_name,head_rank,head_appeared_on,head_spoke,self_corrected_on,self_correction
            (2024)苏1302行初2号,penalty,agency-7,2024-01-05,宿城区人民法院,natural-person,revoked,2024-04-10,2024-04-10,agency,宿迁市中级人民法院,2024-03-01 09:30,李四,deputy,2024-03-01,是,2024-02-01,撤销罚款

            """)
        let row = try layout.request(for: records[0], directory: Self.directory, now: Self.now).get()
        let kinds = row.events.map { event -> String in
            switch event.event {
            case .selfCorrected: "self-corrected"
            case .hearingScheduled: "hearing"
            case .headAppearance(let head): head.spoke ? "head spoke" : "head"
            case .concluded(let concluded): "concluded \(concluded.instance.shortName)"
            case .appealed: "appealed"
            default: "other"
            }
        }
        #expect(kinds == ["self-corrected", "hearing", "head spoke", "concluded first", "appealed"])
        guard case .hearingScheduled(let hearing) = row.events[1].event else { return }
        // 09:30 in Shanghai is 01:30 UTC; the hearing's court defaults to the case's.
        #expect(hearing.hearingAt?.seconds == 1_709_256_600)
        #expect(hearing.courtName == "宿城区人民法院")
    }

    @Test func theRequestIDComesFromTheRowsContentNotItsLine() throws {
        let header = "docket_number,category,agency,filed_on,court_name,plaintiff_kind\n"
        let line = "(2024)苏1302行初3号,penalty,agency-7,2024-01-05,宿城区人民法院,natural-person\n"
        let changed = "(2024)苏1302行初3号,penalty,agency-7,2024-01-06,宿城区人民法院,natural-person\n"
        let (layout, records) = try rows(header + line + "\n" + line + changed)
        let ids = try records.map {
            try layout.request(for: $0, directory: Self.directory, now: Self.now).get().filing?.requestId ?? ""
        }
        #expect(records.map(\.line) == [2, 4, 5])
        #expect(ids[0] == ids[1])
        #expect(ids[0] != ids[2])
        #expect(ids[0].hasPrefix("sjctl-import-"))
    }
}
