internal import GRPCCore
internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// A referral about to open at step REFERRED, from a request or from an alert: everything it
/// needs, checked, so that opening it is one insert in the caller's transaction.
struct ReferralOpening {
    typealias V1 = Shuangjiang.Accountability.V1

    var source: V1.ReferralSource
    /// Which request field names the source, for ALREADY_EXISTS.
    var sourceField: String
    var regionId: String
    var agencyId: String
    var keys: ReferralsTable.Keys
    var caseId = ""
    var opinionId = ""
    var reason: String
    var performedBy: String
    var occurredAt: Instant
    var documents: [String] = []
    /// When the referral is about a lost case: its key and conclusion day, for repeated losses.
    var loss: (caseKey: Int64, concludedOn: CivilDate)?
    /// A loss only this referral tells of (a case referred by hand), recorded with it: the
    /// defendant agency and the day.
    var recordedLoss: (caseKey: Int64, agency: Int64, concludedOn: CivilDate)?

    /// The referral already opened for the same case, incident or alert, if any.
    func existing(_ tx: some Transaction) throws -> (field: String, id: String)? {
        guard let (column, key) = try ReferralsTable.existing(tx, keys) else { return nil }
        let what =
            switch column {
            case "case_id": caseId
            case "opinion_id": opinionId
            default: "alert \(keys.alertSequence ?? 0)"
            }
        return ("\(sourceField): \(what)", ResourceKind.referral.format(key))
    }

    /// Opens the referral: ALREADY_EXISTS if its case, incident or alert has one already.
    func open(_ tx: WriteTransaction, rules: RepeatedLossRule, timeZone: CityTimeZone, now: Instant) throws
        -> V1.Referral
    {
        if let (what, id) = try existing(tx) {
            throw RPCError.alreadyExists("\(what) already has referral \(id); advance that one instead")
        }
        guard let referredOn = timeZone.date(of: occurredAt) else {
            throw RPCError.invalidArgument([.init(field: "occurred_at", description: "must fall in 1949-2199")])
        }
        if let recordedLoss {
            try ReferralsTable.recordLoss(
                tx, caseKey: recordedLoss.caseKey, agency: recordedLoss.agency,
                concludedOn: recordedLoss.concludedOn.key)
        }
        let key = try tx.nextKey(.referral)
        var referral = V1.Referral()
        referral.id = ResourceKind.referral.format(key)
        referral.version = 1
        referral.step = .referred
        referral.source = source
        referral.regionId = regionId
        referral.agencyId = agencyId
        referral.reason = reason
        referral.caseId = caseId
        referral.opinionId = opinionId
        var step = V1.ReferralStepRecord()
        step.step = .referred
        step.performedBy = performedBy
        step.occurredAt = occurredAt.timestamp
        step.recordedAt = now.timestamp
        var clue = V1.ClueReferred()
        clue.reason = reason
        step.data = .clueReferred(clue)
        step.documentReferences = documents
        referral.steps = [step]
        referral.createdAt = now.timestamp
        referral.updatedAt = now.timestamp
        if let loss { referral.repeatedLoss = try repeatedLoss(tx, loss, rules: rules) }
        try ReferralsTable.insert(
            tx, key: key, keys: keys, referredAt: occurredAt.milliseconds, referredOn: referredOn.key,
            createdAt: now.milliseconds, body: try referral.serializedBytes())
        try ReferralsTable.recordStep(
            tx, ReferralsTable.StepRow(referral: key, step: 1, occurredOn: referredOn.key, region: keys.region))
        return referral
    }

    /// The agency's losses within a year of this one (this one included, recorded before), when
    /// there are enough to aggravate.
    private func repeatedLoss(
        _ tx: WriteTransaction, _ loss: (caseKey: Int64, concludedOn: CivilDate), rules: RepeatedLossRule
    ) throws -> V1.RepeatedLoss? {
        let window = rules.window(endingOn: loss.concludedOn)
        let known = try ReferralsTable.losses(
            tx, agency: keys.agency, from: window.lowerBound.key, to: window.upperBound.key)
        let losses = known.compactMap { key, day in CivilDate(key: day).map { (key: key, concludedOn: $0) } }
        guard let counted = rules.circumstance(endingOn: loss.concludedOn, losses: losses) else { return nil }
        var repeated = V1.RepeatedLoss()
        repeated.caseIds = counted.map { ResourceKind.case.format($0.key) }
        repeated.windowFirstDay = window.lowerBound.date
        repeated.windowLastDay = window.upperBound.date
        return repeated
    }
}
