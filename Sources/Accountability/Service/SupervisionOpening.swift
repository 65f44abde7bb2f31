internal import GRPCCore
internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// A supervision about to open, from a request or from a HIGH_RISK_CASE alert.
struct SupervisionOpening {
    typealias V1 = Shuangjiang.Accountability.V1

    var kind: V1.SupervisionKind
    var caseId: String
    var caseKey: Int64
    var regionId: String
    var ownerName: String
    var ownerPosition: String
    var plan: String
    var dueAt: Instant
    var reminderLeadSeconds: Int64
    /// The alert that prompted it (0: none).
    var alertSequence: Int64
    var openedBy: String
    /// Set for the ones the follower opens: the alert keys them, once.
    var openedFromAlert: Int64?

    /// The supervision now open for the case, if any.
    func existing(_ tx: some Transaction) throws -> String? {
        try SupervisionsTable.open(tx, caseKey: caseKey).map(ResourceKind.supervision.format)
    }

    func open(_ tx: WriteTransaction, timeZone: CityTimeZone, now: Instant) throws -> V1.Supervision {
        if let existing = try existing(tx) {
            throw RPCError.failedPrecondition(
                "case_id: \(caseId) is already supervised by \(existing), which is not closed out; update that one")
        }
        let key = try tx.nextKey(.supervision)
        var supervision = V1.Supervision()
        supervision.id = ResourceKind.supervision.format(key)
        supervision.version = 1
        supervision.kind = kind
        supervision.caseId = caseId
        supervision.regionId = regionId
        supervision.ownerName = ownerName
        supervision.ownerPosition = ownerPosition
        supervision.plan = plan
        var lead = Google.Protobuf.Duration()
        lead.seconds = reminderLeadSeconds
        supervision.reminderLead = lead
        supervision.adopt(SupervisionSchedule(dueAt: dueAt, reminderLeadSeconds: reminderLeadSeconds))
        supervision.alertSequence = alertSequence
        supervision.openedBy = openedBy
        supervision.createdAt = now.timestamp
        supervision.updatedAt = now.timestamp
        try SupervisionsTable.insert(
            tx, key: key, supervision.columns(timeZone), openedFromAlert: openedFromAlert, version: 1,
            body: try supervision.serializedBytes())
        return supervision
    }
}
