internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// Turns the plans into requests: records in filing order with docket numbers, events up to
    /// the last day with request ids and document numbers, what intake will derive, incidents
    /// with their milestones up to `now`, and the timeline.
    func render() -> SyntheticCity {
        let prefix = "syn-\(String(parameters.seed, radix: 16))"
        let order = records.indices.sorted {
            (records[$0].filedOn, records[$0].sequence) < (records[$1].filedOn, records[$1].sequence)
        }
        var position = Array(repeating: 0, count: records.count)
        for (caseIndex, planIndex) in order.enumerated() { position[planIndex] = caseIndex }
        let dockets = docketNumbers(in: order)

        var regionRequests: [V1.CreateRegionRequest] = []
        for region in regions {
            var request = V1.CreateRegionRequest()
            request.requestId = "\(prefix)-region-\(region.index)"
            request.name = region.name
            request.regionKind = region.kind
            request.divisionCode = region.divisionCode
            regionRequests.append(request)
        }
        let agencyOutputs = agencies.map { agency in
            var request = V1.CreateAgencyRequest()
            request.requestId = "\(prefix)-agency-\(agency.index)"
            request.name = agency.name
            request.agencyType = agency.type
            request.level = agency.level
            request.creditCode = agency.creditCode
            return SyntheticAgency(
                index: agency.index, regionIndex: agency.regionIndex, template: request, lossEffect: agency.lossEffect)
        }

        // Events up to the last day, then what intake derives: own outcomes first, since a
        // higher-instance record's derivation reads its first-instance record's.
        var events: [[SyntheticCaseEvent]] = []
        for (caseIndex, planIndex) in order.enumerated() {
            let record = records[planIndex]
            let kept = record.events.prefix { $0.date <= today }
            events.append(
                kept.enumerated().map { ordinal, planned in
                    var event = planned.event
                    if case .concluded(var conclusion) = event {
                        conclusion.documentNumber = dockets[planIndex]
                        event = .concluded(conclusion)
                    }
                    return SyntheticCaseEvent(
                        ordinal: ordinal, date: planned.date,
                        at: planned.date.at(hour: 9).adding(seconds: Int64(ordinal * 60 + caseIndex % 60)),
                        requestId: "\(prefix)-case-\(caseIndex)-event-\(ordinal)", event: event)
                })
        }
        let visible = order.map { records[$0].filedOn <= today }
        var replays: [CaseReplay] = []
        for (caseIndex, planIndex) in order.enumerated() {
            var prior = V1.CaseOutcome.unspecified
            if let related = records[planIndex].related { prior = replays[position[related]].own }
            replays.append(CaseReplay(events[caseIndex], prior: prior))
        }
        var rulings = Array(repeating: [CaseReplay.Ruling](), count: order.count)
        for (caseIndex, planIndex) in order.enumerated() where visible[caseIndex] {
            let record = records[planIndex]
            guard let related = record.related,
                let ruling = replays[caseIndex].ruling(instance: record.instance, filedOn: record.filedOn)
            else { continue }
            rulings[position[related]].append(ruling)
        }
        for caseIndex in replays.indices where !rulings[caseIndex].isEmpty {
            replays[caseIndex].settle(by: rulings[caseIndex])
        }

        var cases: [SyntheticCase] = []
        for (caseIndex, planIndex) in order.enumerated() where visible[caseIndex] {
            let record = records[planIndex]
            var filing = V1.FileCaseRequest()
            filing.requestId = "\(prefix)-case-\(caseIndex)"
            filing.kind = record.kind
            filing.instance = record.instance
            filing.docketNumber = dockets[planIndex]
            filing.category = record.category
            filing.categoryDetail = record.detail
            filing.filedOn = record.filedOn.protoDate
            filing.courtName = record.court.name
            filing.courtCode = record.court.code
            filing.plaintiffKind = record.plaintiffKind
            filing.plaintiffCount = record.plaintiffCount
            let replay = replays[caseIndex]
            cases.append(
                SyntheticCase(
                    index: caseIndex, regionIndex: record.region, agencyIndex: record.agency,
                    relatedCaseIndex: record.related.map { position[$0] }, template: filing,
                    filedAt: record.filedOn.at(hour: 8, minute: 30).adding(seconds: Int64(caseIndex % 1800)),
                    events: events[caseIndex], factors: record.factors, state: replay.state,
                    ownOutcome: replay.own, ownConcludedOn: replay.ownOn, finalOutcome: replay.final,
                    eventualOwnOutcome: record.eventualOwnOutcome))
        }

        let opinionOutputs = renderOpinions(prefix: prefix, position: position)
        return SyntheticCity(
            parameters: parameters, today: today, now: now, regions: regionRequests, agencies: agencyOutputs,
            cases: cases, opinions: opinionOutputs, regionLossEffects: regions.map(\.lossEffect),
            timeline: timeline(
                agencies: agencyOutputs.count, regions: regionRequests.count, cases: cases,
                opinions: opinionOutputs))
    }

    /// Docket numbers in filing order, numbered per court, marker and year. Each series starts
    /// past a few numbers and skips some, as the court's other cases (not against this city's
    /// agencies) take them. One in twelve uses full-width brackets, which intake also accepts.
    private func docketNumbers(in order: [Int]) -> [String] {
        var rng = stream(8)
        var next: [String: Int] = [:]
        var dockets = Array(repeating: "", count: records.count)
        for planIndex in order {
            let record = records[planIndex]
            let year = record.filedOn.year
            let series = "\(record.court.name)|\(record.docketMarker)|\(year)"
            let number = next[series] ?? rng.int(in: 1...30)
            next[series] = number + 1 + (rng.chance(0.3) ? rng.int(in: 1...3) : 0)
            if record.kind == .reconsideration {
                dockets[planIndex] = "\(record.court.decisionPrefix)〔\(year)〕\(number)号"
            } else if rng.chance(1.0 / 12) {
                dockets[planIndex] = "（\(year)）\(record.court.code)\(record.docketMarker)\(number)号"
            } else {
                dockets[planIndex] = "(\(year))\(record.court.code)\(record.docketMarker)\(number)号"
            }
        }
        return dockets
    }
}
