internal import Messages
public import SharedDomain
internal import Stubs

extension Gatherer {
    /// The period's casebook (案例汇编): every first-instance case concluded in the period that
    /// was lost (litigation), corrected (reconsideration, directly or by the agency's own
    /// correction and a withdrawal), or withdrawn after the agency changed its act, grouped by
    /// agency and category, with each case's events and those of the records that continue it.
    /// The lost and corrected counts are the numerators of the loss rate (concluded formula) and
    /// the direct and comprehensive correction rates for the period.
    public func casebook(for period: CalendarPeriod) async throws -> Casebook {
        let directory = try await directory()
        let concluded = try await listCases(concludedIn: period, instance: .first)
        var listed: [(IntakeV1.Case, CasebookEntry.Reason)] = []
        for record in concluded {
            if let reason = Self.reason(record) { listed.append((record, reason)) }
        }
        // Later-instance records are filed after the first instance concluded, so on or after
        // the period's first day; a few years' filings hold every appeal and retrial of it.
        var continuations: [String: [IntakeV1.Case]] = [:]
        if listed.contains(where: { $0.0.kind == .litigation }) {
            let first = period.days.lowerBound
            let last =
                CivilDate(
                    year: min(period.days.upperBound.year + 5, CivilDate.validYears.upperBound), month: 12, day: 31)!
            for instance in [IntakeV1.Instance.second, .retrial] {
                for record in try await listCases(filedIn: .range(first...last), instance: instance)
                where !record.relatedFirstInstanceCaseId.isEmpty {
                    continuations[record.relatedFirstInstanceCaseId, default: []].append(record)
                }
            }
        }
        var byAgency: [String: [(category: Int32, entry: CasebookEntry)]] = [:]
        for (record, reason) in listed {
            let entry = entry(record, reason: reason, continuations: continuations[record.id] ?? [])
            byAgency[record.defendantAgencyId, default: []].append((record.category.rawValue, entry))
        }
        var groups: [Casebook.AgencyGroup] = []
        let order = directory.agencies.map(\.id) + byAgency.keys.filter { directory.agencyNames[$0] == nil }.sorted()
        for agencyId in order {
            guard let listed = byAgency[agencyId] else { continue }
            let agency = directory.agencies.first { $0.id == agencyId }
            // Categories in the SPC list's order (the enum's), cases by conclusion date.
            let categories = Dictionary(grouping: listed, by: \.category).sorted { $0.key < $1.key }.map { _, group in
                Casebook.CategoryGroup(
                    category: group[0].entry.category,
                    entries: group.map(\.entry).sorted {
                        ($0.concludedOn?.key ?? 0, $0.docketNumber) < ($1.concludedOn?.key ?? 0, $1.docketNumber)
                    })
            }
            groups.append(
                .init(
                    agencyId: agencyId, agencyName: directory.agencyName(agencyId),
                    regionName: agency.map { directory.regionName($0.regionId) } ?? "", categories: categories))
        }
        // Stable: agencies with as many cases keep intake's order.
        let ranked = groups.enumerated().sorted {
            $0.element.caseCount != $1.element.caseCount
                ? $0.element.caseCount > $1.element.caseCount : $0.offset < $1.offset
        }.map(\.element)
        return Casebook(cityName: directory.cityName, period: period, agencies: ranked)
    }

    /// Why a concluded first-instance record belongs in the casebook, the way assessment counts
    /// it: the effective outcome, or the first instance's while a higher instance is pending.
    static func reason(_ record: IntakeV1.Case) -> CasebookEntry.Reason? {
        guard record.instance == .first, record.concludedOn != nil else { return nil }
        let counted = record.finalOutcome != .unspecified ? record.finalOutcome : record.firstInstanceOutcome
        guard let outcome = Outcome(rawValue: counted.rawValue) else { return nil }
        switch record.kind {
        case .litigation:
            if outcome.isLoss { return .lost }
            if outcome.isWithdrawalAfterChange { return .withdrawnAfterChange }
        case .reconsideration:
            if outcome.isCorrection { return .corrected }
            if record.selfCorrected && (outcome == .withdrawn || outcome == .withdrawnAfterChange) {
                return .selfCorrectedThenWithdrawn
            }
        default: break
        }
        return nil
    }

    func entry(_ record: IntakeV1.Case, reason: CasebookEntry.Reason, continuations: [IntakeV1.Case]) -> CasebookEntry {
        let reconsideration = record.kind == .reconsideration
        var steps = [
            CasebookEntry.Step(
                on: CivilDate(record.filedOn), text: "\(reconsideration ? "受理" : "立案")（\(record.courtName)）")
        ]
        steps += record.events.compactMap { step($0, reconsideration: reconsideration) }
        for later in continuations.sorted(by: {
            (CivilDate($0.filedOn)?.key ?? .max) < (CivilDate($1.filedOn)?.key ?? .max)
        }) {
            steps.append(
                .init(
                    on: CivilDate(later.filedOn),
                    text: "\(Labels.instance(later.instance))立案：\(later.docketNumber)（\(later.courtName)）"))
            steps += later.events.compactMap { step($0, reconsideration: false) }
        }
        let pending = record.finalOutcome == .unspecified
        return CasebookEntry(
            reason: reason, caseId: record.id, docketNumber: record.docketNumber, kind: Labels.kind(record.kind),
            category: Labels.category(record.category), categoryDetail: record.categoryDetail, court: record.courtName,
            filedOn: CivilDate(record.filedOn), concludedOn: CivilDate(record.concludedOn),
            firstInstanceOutcome: Labels.outcome(record.firstInstanceOutcome),
            effectiveOutcome: Labels.outcome(pending ? record.firstInstanceOutcome : record.finalOutcome),
            provisional: pending, steps: steps)
    }

    /// One event as a line of the case's story, in the words of a court or, for reconsideration,
    /// of the reconsideration body (受理, 听证, 复议决定).
    func step(_ event: IntakeV1.CaseEvent, reconsideration: Bool) -> CasebookEntry.Step? {
        switch event.event {
        case .mediationStarted(let started)?:
            return .init(on: CivilDate(started.startedOn), text: "诉前调解启动（\(Labels.channel(started.channel))）")
        case .mediationConcluded(let concluded)?:
            return .init(
                on: CivilDate(concluded.concludedOn), text: "诉前调解结束：\(Labels.mediationResult(concluded.result))")
        case .selfCorrected(let corrected)?:
            return .init(on: CivilDate(corrected.correctedOn), text: "自我纠错：\(corrected.summary)")
        case .hearingScheduled(let hearing)?:
            let day = Instant(hearing.hearingAt).flatMap { timeZone.date(of: $0) }
            return .init(on: day, text: "\(reconsideration ? "听证" : "开庭")（\(hearing.courtName)）")
        case .headAppearance(let appearance)?:
            var text = "负责人出庭：\(appearance.personName)（\(Labels.rank(appearance.rank))"
            if !appearance.position.isEmpty { text += "，\(appearance.position)" }
            text += "），" + (appearance.spoke ? "出庭出声" : "出庭未出声")
            if let evaluation = Labels.evaluation(appearance.evaluation) { text += "，法院评价：\(evaluation)" }
            return .init(on: CivilDate(appearance.appearedOn), text: text)
        case .concluded(let concluded)?:
            var text =
                reconsideration
                ? "复议决定：\(Labels.outcome(concluded.outcome))"
                : "\(Labels.instance(concluded.instance))审结：\(Labels.outcome(concluded.outcome))"
            if !concluded.documentNumber.isEmpty { text += "（\(concluded.documentNumber)）" }
            return .init(on: CivilDate(concluded.concludedOn), text: text)
        case .appealed(let appealed)?:
            return .init(
                on: CivilDate(appealed.appealedOn),
                text: "\(Labels.appellant(appealed.appellant))上诉至\(appealed.higherCourtName)")
        case .withdrawn(let withdrawn)?:
            return .init(
                on: CivilDate(withdrawn.withdrawnOn),
                text: reconsideration
                    ? (withdrawn.afterAgencyChangedAct ? "改变行政行为后撤回复议申请" : "撤回复议申请")
                    : (withdrawn.afterAgencyChangedAct ? "改变行政行为后撤诉" : "撤诉"))
        case nil:
            return nil
        }
    }

    func listCases(
        concludedIn: CalendarPeriod? = nil, filedIn: CalendarPeriod? = nil, instance: IntakeV1.Instance
    ) async throws -> [IntakeV1.Case] {
        let options = callOptions
        let intake = self.intake
        return try await allPages { token in
            var request = IntakeV1.ListCasesRequest()
            request.pageSize = 500
            request.pageToken = token
            request.instance = instance
            if let concludedIn { request.concludedIn = CommonV1.Period(concludedIn) }
            if let filedIn { request.filedIn = CommonV1.Period(filedIn) }
            let page = try await calling(.intake) { try await intake.listCases(request, options: options) }
            return (page.cases, page.nextPageToken)
        }
    }
}
