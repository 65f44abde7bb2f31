internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Accountability.V1.Supervision {
    /// The deadline clock as stored in the message.
    var schedule: SupervisionSchedule {
        SupervisionSchedule(
            dueAt: Instant(dueAt) ?? Instant(seconds: 0), reminderLeadSeconds: max(reminderLead?.seconds ?? 1, 1),
            state: SupervisionState(rawValue: state.rawValue) ?? .active, remindedAt: Instant(remindedAt),
            escalatedAt: Instant(escalatedAt))
    }

    /// Writes the clock back into the message.
    mutating func adopt(_ schedule: SupervisionSchedule) {
        state = Shuangjiang.Accountability.V1.SupervisionState(rawValue: schedule.state.rawValue)
        dueAt = schedule.dueAt.timestamp
        remindedAt = schedule.remindedAt?.timestamp
        escalatedAt = schedule.escalatedAt?.timestamp
    }

    /// The columns it is filed under, in the city's zone.
    func columns(_ timeZone: CityTimeZone) -> SupervisionsTable.Columns {
        let schedule = self.schedule
        return SupervisionsTable.Columns(
            kind: kind.rawValue, state: state.rawValue, caseKey: ResourceKind.case.parse(caseId) ?? 0,
            region: ResourceKind.region.parse(regionId) ?? 0, dueAt: schedule.dueAt.milliseconds,
            nextAlarmAt: schedule.nextAlarm?.milliseconds,
            openedOn: Instant(createdAt).flatMap { timeZone.date(of: $0) }?.key ?? 0,
            closedOn: Instant(closeOut?.closedAt).flatMap { timeZone.date(of: $0) }?.key)
    }
}
