internal import Messages
internal import ServiceKit
internal import SharedDomain

/// A FileCaseRequest that passed field validation, with what validation derived from it.
struct ValidatedFiling: Sendable {
    let request: Shuangjiang.Intake.V1.FileCaseRequest
    let filedOn: CivilDate
    /// The docket number as stored and compared: canonical brackets for litigation.
    let docketKey: String
    /// The court code from the request, else from the docket number.
    let courtCode: String
    /// What docket numbers are unique within: the court code for litigation (it is part of the
    /// docket), the reconsideration body's name otherwise.
    let courtKey: String

    /// Checks every field of `request` (paths under `violations`' prefix); nil if any is bad.
    static func validate(
        _ request: Shuangjiang.Intake.V1.FileCaseRequest, today: CivilDate?, into violations: inout Violations
    ) -> ValidatedFiling? {
        let before = violations.all.count
        violations.requestId(request.requestId)
        violations.required(request.kind, "kind")
        violations.required(request.instance, "instance")
        if request.kind == .reconsideration && request.instance != .first && request.instance.rawValue != 0 {
            violations.add("instance", "must be INSTANCE_FIRST for a reconsideration case")
        }
        let beforeDocket = violations.all.count
        violations.text(request.docketNumber, "docket_number", 1...64)
        var docket: DocketNumber?
        // Parsed only once its length is known good: one violation per field, not two.
        if request.kind == .litigation && violations.all.count == beforeDocket {
            docket = DocketNumber(request.docketNumber)
            if let docket {
                // An unset or unknown instance is reported on `instance` alone.
                let declared =
                    request.instance != .unspecified
                    && Shuangjiang.Intake.V1.Instance.knownCases.contains(request.instance)
                if declared && docket.marker.instance != request.instance {
                    violations.add(
                        "docket_number",
                        "marker \(docket.marker.rawValue) is for INSTANCE_\("\(docket.marker.instance)".uppercased()), "
                            + "not the request's INSTANCE_\("\(request.instance)".uppercased())")
                }
            } else {
                violations.add("docket_number", DocketNumber.rule)
            }
        }
        violations.required(request.category, "category")
        violations.text(request.categoryDetail, "category_detail", 1...64, required: false)
        violations.text(request.defendantAgencyId, "defendant_agency_id", 1...64)
        violations.text(request.regionId, "region_id", 1...64)
        let filedOn = violations.pastDate(request.filedOn, "filed_on", today: today)
        if let filedOn, let docket, filedOn.year != docket.year {
            violations.add("filed_on", "year \(filedOn.year) must match the docket number's year \(docket.year)")
        }
        violations.text(request.courtName, "court_name", 1...128)
        let beforeCourtCode = violations.all.count
        violations.text(request.courtCode, "court_code", 1...16, required: false)
        if let docket, !request.courtCode.isEmpty, violations.all.count == beforeCourtCode,
            request.courtCode != docket.courtCode
        {
            violations.add("court_code", "must agree with the docket number's court code \(docket.courtCode)")
        }
        violations.required(request.plaintiffKind, "plaintiff_kind")
        if request.plaintiffCount < 0 { violations.add("plaintiff_count", "must not be negative") }
        if !request.relatedFirstInstanceCaseId.isEmpty {
            if request.instance == .first {
                violations.add("related_first_instance_case_id", "only for SECOND or RETRIAL records")
            }
            violations.text(request.relatedFirstInstanceCaseId, "related_first_instance_case_id", 1...64)
        }
        guard violations.all.count == before, let filedOn else { return nil }
        let courtCode = request.courtCode.isEmpty ? (docket?.courtCode ?? "") : request.courtCode
        return ValidatedFiling(
            request: request, filedOn: filedOn, docketKey: docket?.canonical ?? request.docketNumber,
            courtCode: courtCode, courtKey: docket?.courtCode ?? request.courtName)
    }
}
