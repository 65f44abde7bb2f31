public import Messages
public import SharedDomain

/// The CSV layout of `sjctl import cases`: one row per case record, the filing in the first
/// columns and the events it already has in optional groups of columns, turned into
/// ImportCases rows (a FileCaseRequest and its events in order).
///
/// The header row is required and matched by name (any order, any case, `-` or space for `_`, or
/// the Chinese name). Unknown columns are refused rather than ignored, so a misspelt column never
/// silently drops data. docs/sjctl.md lists every column.
public struct CaseRows: Sendable {
    public struct Column: Sendable {
        public let name: String
        public let chinese: String
        public let meaning: String
        public let isRequired: Bool
    }

    /// Every column, in the order docs and --help list them.
    public static let columns: [Column] = [
        Column(name: "docket_number", chinese: "案号", meaning: "docket number, e.g. (2024)苏03行初123号", isRequired: true),
        Column(name: "kind", chinese: "案件类型", meaning: "litigation (default) or reconsideration", isRequired: false),
        Column(name: "instance", chinese: "审级", meaning: "first (default), second or retrial", isRequired: false),
        Column(name: "category", chinese: "案由", meaning: "penalty, licensing, … or 行政处罚, 行政许可, …", isRequired: true),
        Column(name: "category_detail", chinese: "具体案由", meaning: "finer category, e.g. 工伤认定", isRequired: false),
        Column(
            name: "agency", chinese: "被告", meaning: "the defendant agency: its id or its exact name", isRequired: true),
        Column(
            name: "region", chinese: "区县", meaning: "region id or name (default: the agency's region)",
            isRequired: false),
        Column(name: "filed_on", chinese: "立案日期", meaning: "filing date, 2024-03-05 (also 2024/3/5)", isRequired: true),
        Column(name: "court_name", chinese: "法院", meaning: "court or reconsideration body", isRequired: true),
        Column(name: "court_code", chinese: "法院代码", meaning: "court code as in dockets, e.g. 苏03", isRequired: false),
        Column(
            name: "plaintiff_kind", chinese: "原告类型", meaning: "natural-person, legal-person, other-organization",
            isRequired: true),
        Column(
            name: "plaintiff_count", chinese: "原告人数", meaning: "number of plaintiffs (empty: not known)",
            isRequired: false),
        Column(
            name: "related_case_id", chinese: "关联案件",
            meaning: "second-instance or retrial rows: the first-instance case id", isRequired: false),
        Column(
            name: "request_id", chinese: "请求号", meaning: "idempotency key (default: derived from the row)",
            isRequired: false),
        Column(
            name: "mediation_channel", chinese: "调解渠道",
            meaning: "pre-litigation mediation: peoples, judicial, administrative", isRequired: false),
        Column(name: "mediation_started_on", chinese: "调解开始日期", meaning: "date mediation started", isRequired: false),
        Column(
            name: "mediation_result", chinese: "调解结果", meaning: "resolved, partially-resolved, failed",
            isRequired: false),
        Column(name: "mediation_concluded_on", chinese: "调解结束日期", meaning: "date mediation ended", isRequired: false),
        Column(
            name: "self_corrected_on", chinese: "纠错日期", meaning: "date the agency corrected its own act",
            isRequired: false),
        Column(name: "self_correction", chinese: "纠错情况", meaning: "what was corrected", isRequired: false),
        Column(
            name: "hearing_at", chinese: "开庭时间", meaning: "hearing date and time, 2024-05-20 09:30 (city time)",
            isRequired: false),
        Column(
            name: "hearing_court", chinese: "开庭法院", meaning: "court holding the hearing (default: court_name)",
            isRequired: false),
        Column(name: "head_name", chinese: "出庭负责人", meaning: "agency head who appeared in court", isRequired: false),
        Column(name: "head_rank", chinese: "出庭负责人职级", meaning: "principal, deputy, in-charge", isRequired: false),
        Column(name: "head_position", chinese: "出庭负责人职务", meaning: "position held, e.g. 副局长", isRequired: false),
        Column(name: "head_spoke", chinese: "是否出声", meaning: "yes or no (是 / 否)", isRequired: false),
        Column(name: "head_appeared_on", chinese: "出庭日期", meaning: "date of the hearing attended", isRequired: false),
        Column(name: "head_evaluation", chinese: "出庭评价", meaning: "good, adequate, poor", isRequired: false),
        Column(
            name: "outcome", chinese: "结果", meaning: "outcome of this record's instance, e.g. revoked or 撤销",
            isRequired: false),
        Column(name: "concluded_on", chinese: "审结日期", meaning: "date concluded", isRequired: false),
        Column(
            name: "document_number", chinese: "文书号", meaning: "judgment or decision document number", isRequired: false),
        Column(
            name: "withdrawn_on", chinese: "撤诉日期", meaning: "date the plaintiff (or appellant) withdrew",
            isRequired: false),
        Column(
            name: "withdrawn_after_change", chinese: "改变行为后撤诉", meaning: "yes when the agency had changed its act",
            isRequired: false),
        Column(name: "appealed_on", chinese: "上诉日期", meaning: "date of the appeal", isRequired: false),
        Column(name: "appellant", chinese: "上诉人", meaning: "agency, plaintiff, both", isRequired: false),
        Column(name: "higher_court", chinese: "二审法院", meaning: "court hearing the appeal", isRequired: false),
        Column(
            name: "second_outcome", chinese: "二审结果", meaning: "outcome of the appeal, e.g. appeal-dismissed",
            isRequired: false),
        Column(name: "second_concluded_on", chinese: "二审审结日期", meaning: "date the appeal concluded", isRequired: false),
    ]

    /// Column groups that describe one event: if any column of a group is filled, the required
    /// ones must be.
    static let groups: [(required: [String], optional: [String])] = [
        (["mediation_channel", "mediation_started_on"], []),
        (["mediation_result", "mediation_concluded_on"], []),
        (["self_corrected_on", "self_correction"], []),
        (["hearing_at"], ["hearing_court"]),
        (["head_name", "head_rank", "head_appeared_on"], ["head_position", "head_spoke", "head_evaluation"]),
        (["outcome", "concluded_on"], ["document_number"]),
        (["withdrawn_on"], ["withdrawn_after_change"]),
        (["appealed_on", "appellant", "higher_court"], []),
        (["second_outcome", "second_concluded_on"], []),
    ]

    /// Regions and agencies by id and by exact name, so a spreadsheet can name them as people do.
    public struct Directory: Sendable {
        var agencyRegion: [String: String] = [:]  // agency id → its region id
        var agencyByName: [String: [String]] = [:]
        var regionIDs: Set<String> = []
        var regionByName: [String: [String]] = [:]

        public init(regions: [Shuangjiang.Intake.V1.Region], agencies: [Shuangjiang.Intake.V1.Agency]) {
            for region in regions {
                regionIDs.insert(region.id)
                regionByName[region.name, default: []].append(region.id)
            }
            for agency in agencies {
                agencyRegion[agency.id] = agency.regionId
                agencyByName[agency.name, default: []].append(agency.id)
            }
        }
    }

    /// A row sjctl could not turn into a request, with why (never sent).
    public struct Rejection: Error, Equatable, Sendable {
        public let line: Int
        public let violations: [(field: String, rule: String)]

        public static func == (lhs: Rejection, rhs: Rejection) -> Bool {
            lhs.line == rhs.line && lhs.violations.map(\.field) == rhs.violations.map(\.field)
                && lhs.violations.map(\.rule) == rhs.violations.map(\.rule)
        }
    }

    public struct HeaderFailure: Error, Equatable, Sendable, CustomStringConvertible {
        public let problem: String

        public init(problem: String) {
            self.problem = problem
        }

        public var description: String { "line 1 (the header): \(problem)" }
    }

    /// Column name → index in the record.
    let positions: [String: Int]
    let zone: CityTimeZone

    /// Reads the header row.
    public init(header: [String], zone: CityTimeZone) throws(HeaderFailure) {
        var positions: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            guard let name = Self.canonical(raw) else {
                if raw.trimmingSpaces().isEmpty { continue }  // a trailing comma in the header
                let names = Self.columns.map(\.name).joined(separator: ", ")
                throw HeaderFailure(problem: "unknown column \"\(raw)\"; the columns are: \(names)")
            }
            guard positions[name] == nil else { throw HeaderFailure(problem: "column \"\(name)\" appears twice") }
            positions[name] = index
        }
        let missing = Self.columns.filter { $0.isRequired && positions[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw HeaderFailure(
                problem: "required column\(missing.count > 1 ? "s" : "") missing: \(missing.joined(separator: ", "))")
        }
        self.positions = positions
        self.zone = zone
    }

    /// The header's name for a column, by its English name (any case, spaces or hyphens for
    /// underscores) or its Chinese name; nil if none.
    static func canonical(_ raw: String) -> String? {
        let trimmed = raw.trimmingSpaces()
        let normalized = trimmed.lowercased().replacingAll(" ", with: "_").replacingAll("-", with: "_")
        if normalized == "agency_id" || normalized == "defendant_agency_id" { return "agency" }
        if normalized == "region_id" { return "region" }
        return columns.first { $0.name == normalized || $0.chinese == trimmed }?.name
    }

    /// The ImportCases row for one CSV record, or why it cannot be one.
    public func request(for record: CSVParser.Record, directory: Directory, now: Instant) -> Result<
        Shuangjiang.Intake.V1.ImportCasesRequest, Rejection
    > {
        var reader = RowReader(record: record, positions: positions, zone: zone, now: now)
        let filing = reader.filing(directory: directory)
        let events = reader.events(instance: filing.instance, court: filing.courtName)
        guard reader.violations.isEmpty else {
            return .failure(Rejection(line: record.line, violations: reader.violations))
        }
        var row = Shuangjiang.Intake.V1.ImportCasesRequest()
        row.rowNumber = Int64(record.line)
        row.filing = filing
        row.events = events
        if row.filing?.requestId.isEmpty ?? true {
            // Derived from what the row says (not its line), so the same row imported again
            // replays instead of failing on its docket number, from whichever line it is on.
            var content = row
            content.rowNumber = 0
            row.filing?.requestId = RequestID.derived(
                prefix: "sjctl-import-",
                bytes: (try? content.serializedBytes()) ?? Array(record.fields.joined(separator: ",").utf8))
        }
        return .success(row)
    }
}

/// One record being read, collecting every problem of the row at once.
struct RowReader {
    typealias V1 = Shuangjiang.Intake.V1

    let record: CSVParser.Record
    let positions: [String: Int]
    let zone: CityTimeZone
    let now: Instant
    var violations: [(field: String, rule: String)] = []

    init(record: CSVParser.Record, positions: [String: Int], zone: CityTimeZone, now: Instant) {
        self.record = record
        self.positions = positions
        self.zone = zone
        self.now = now
        if record.fields.count > (positions.values.max() ?? 0) + 1,
            record.fields[((positions.values.max() ?? 0) + 1)...].contains(where: { !$0.trimmingSpaces().isEmpty })
        {
            violations.append(("(row)", "has more fields than the header names; quote fields that contain commas"))
        }
    }

    func text(_ column: String) -> String {
        guard let index = positions[column], index < record.fields.count else { return "" }
        return record.fields[index].trimmingSpaces()
    }

    mutating func required(_ column: String) -> String? {
        let value = text(column)
        if value.isEmpty {
            violations.append((column, "is required"))
            return nil
        }
        return value
    }

    mutating func choice<E: NamedProtoEnum>(_ column: String, as type: E.Type, default fallback: E? = nil) -> E? {
        let value = text(column)
        if value.isEmpty {
            if fallback == nil { violations.append((column, "is required")) }
            return fallback
        }
        guard let parsed = E(argument: value) else {
            violations.append((column, "\"\(value)\" is not one of \(E.allValueStrings.joined(separator: ", "))"))
            return nil
        }
        return parsed
    }

    mutating func date(_ column: String) -> Shuangjiang.Common.V1.Date? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        guard let date = CivilTime.parseDate(value) else {
            violations.append((column, "\"\(value)\" is not a date; write 2024-03-05"))
            return nil
        }
        return PeriodText.date(date)
    }

    mutating func flag(_ column: String) -> Bool {
        let value = text(column).lowercased()
        switch value {
        case "", "no", "n", "false", "0", "否": return false
        case "yes", "y", "true", "1", "是": return true
        default:
            violations.append((column, "\"\(value)\" is not yes or no"))
            return false
        }
    }

    mutating func filing(directory: CaseRows.Directory) -> V1.FileCaseRequest {
        var filing = V1.FileCaseRequest()
        filing.requestId = text("request_id")
        filing.docketNumber = required("docket_number") ?? ""
        filing.kind = choice("kind", as: V1.CaseKind.self, default: .litigation) ?? .unspecified
        filing.instance = choice("instance", as: V1.Instance.self, default: .first) ?? .unspecified
        filing.category = choice("category", as: V1.CaseCategory.self) ?? .unspecified
        filing.categoryDetail = text("category_detail")
        if let agency = required("agency") {
            if directory.agencyRegion[agency] != nil {
                filing.defendantAgencyId = agency
            } else if let ids = directory.agencyByName[agency] {
                if ids.count == 1 {
                    filing.defendantAgencyId = ids[0]
                } else {
                    violations.append(
                        (
                            "agency",
                            "\"\(agency)\" names \(ids.count) agencies (\(ids.joined(separator: ", "))); use the id"
                        ))
                }
            } else {
                violations.append(("agency", "no agency has the id or name \"\(agency)\""))
            }
        }
        let region = text("region")
        if region.isEmpty {
            filing.regionId = directory.agencyRegion[filing.defendantAgencyId] ?? ""
        } else if directory.regionIDs.contains(region) {
            filing.regionId = region
        } else if let ids = directory.regionByName[region], ids.count == 1 {
            filing.regionId = ids[0]
        } else {
            violations.append(("region", "no region has the id or name \"\(region)\""))
        }
        if let filed = date("filed_on") {
            filing.filedOn = filed
        } else if text("filed_on").isEmpty {
            violations.append(("filed_on", "is required"))
        }
        filing.courtName = required("court_name") ?? ""
        filing.courtCode = text("court_code")
        filing.plaintiffKind = choice("plaintiff_kind", as: V1.PlaintiffKind.self) ?? .unspecified
        let count = text("plaintiff_count")
        if !count.isEmpty {
            if let number = Int32(count), number >= 0 {
                filing.plaintiffCount = number
            } else {
                violations.append(("plaintiff_count", "\"\(count)\" is not a whole number"))
            }
        }
        filing.relatedFirstInstanceCaseId = text("related_case_id")
        return filing
    }

    /// The row's events in the order they happened: by date, and on the same day in the order
    /// of the life cycle (a hearing before the head's appearance, a judgment before the appeal).
    mutating func events(instance: V1.Instance, court: String) -> [V1.CaseEvent] {
        for group in CaseRows.groups {
            let filled = (group.required + group.optional).contains { !text($0).isEmpty }
            guard filled else { continue }
            for column in group.required where text(column).isEmpty {
                let others = (group.required + group.optional).filter { !text($0).isEmpty }
                violations.append((column, "is needed with \(others.joined(separator: ", "))"))
            }
        }
        var dated: [(day: Int32, order: Int, event: V1.CaseEvent.Event)] = []
        func key(_ date: Shuangjiang.Common.V1.Date?) -> Int32 {
            guard let date else { return 0 }
            return date.year * 10000 + date.month * 100 + date.day
        }
        if !text("mediation_channel").isEmpty, let channel = choice("mediation_channel", as: V1.MediationChannel.self),
            let started = date("mediation_started_on")
        {
            var event = V1.MediationStarted()
            event.channel = channel
            event.startedOn = started
            dated.append((key(started), 0, .mediationStarted(event)))
        }
        if !text("mediation_result").isEmpty, let result = choice("mediation_result", as: V1.MediationResult.self),
            let ended = date("mediation_concluded_on")
        {
            var event = V1.MediationConcluded()
            event.result = result
            event.concludedOn = ended
            dated.append((key(ended), 1, .mediationConcluded(event)))
        }
        if let corrected = date("self_corrected_on"), !text("self_correction").isEmpty {
            var event = V1.SelfCorrected()
            event.correctedOn = corrected
            event.summary = text("self_correction")
            dated.append((key(corrected), 2, .selfCorrected(event)))
        }
        let hearing = text("hearing_at")
        if !hearing.isEmpty {
            if let instant = CivilTime.parseInstant(hearing, zone: zone, now: now) {
                var event = V1.HearingScheduled()
                var timestamp = Google.Protobuf.Timestamp()
                timestamp.seconds = instant.seconds
                timestamp.nanos = instant.nanos
                event.hearingAt = timestamp
                event.courtName = text("hearing_court").isEmpty ? court : text("hearing_court")
                let day = zone.date(of: instant).map { $0.year * 10000 + $0.month * 100 + $0.day } ?? 0
                dated.append((day, 3, .hearingScheduled(event)))
            } else {
                violations.append(("hearing_at", "\"\(hearing)\" is not a time; write 2024-05-20 09:30"))
            }
        }
        if !text("head_name").isEmpty, let rank = choice("head_rank", as: V1.HeadRank.self),
            let appeared = date("head_appeared_on")
        {
            var event = V1.HeadAppearance()
            event.personName = text("head_name")
            event.rank = rank
            event.position = text("head_position")
            event.spoke = flag("head_spoke")
            if !text("head_evaluation").isEmpty {
                event.evaluation = choice("head_evaluation", as: V1.AppearanceEvaluation.self) ?? .unspecified
            }
            event.appearedOn = appeared
            dated.append((key(appeared), 4, .headAppearance(event)))
        }
        if !text("outcome").isEmpty, let outcome = choice("outcome", as: V1.CaseOutcome.self),
            let concluded = date("concluded_on")
        {
            var event = V1.Concluded()
            event.outcome = outcome
            event.concludedOn = concluded
            event.instance = instance
            event.documentNumber = text("document_number")
            dated.append((key(concluded), 5, .concluded(event)))
        }
        if let withdrawn = date("withdrawn_on") {
            var event = V1.Withdrawn()
            event.withdrawnOn = withdrawn
            event.afterAgencyChangedAct = flag("withdrawn_after_change")
            dated.append((key(withdrawn), 6, .withdrawn(event)))
        }
        if let appealed = date("appealed_on"), let appellant = choice("appellant", as: V1.Appellant.self),
            !text("higher_court").isEmpty
        {
            var event = V1.Appealed()
            event.appealedOn = appealed
            event.appellant = appellant
            event.higherCourtName = text("higher_court")
            dated.append((key(appealed), 7, .appealed(event)))
        }
        if !text("second_outcome").isEmpty, let outcome = choice("second_outcome", as: V1.CaseOutcome.self),
            let concluded = date("second_concluded_on")
        {
            var event = V1.Concluded()
            event.outcome = outcome
            event.concludedOn = concluded
            event.instance = .second
            dated.append((key(concluded), 8, .concluded(event)))
        }
        // A stable sort: by day, then life-cycle order.
        let ordered = dated.enumerated().sorted {
            ($0.element.day, $0.element.order, $0.offset) < ($1.element.day, $1.element.order, $1.offset)
        }
        return ordered.map { entry in
            var event = V1.CaseEvent()
            event.event = entry.element.event
            return event
        }
    }
}
