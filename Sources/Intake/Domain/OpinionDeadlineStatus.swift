public import Messages
internal import ServiceKit
public import SharedDomain

/// One response deadline of an incident as of some instant (OpinionDeadline in opinions.proto).
public struct OpinionDeadlineStatus: Equatable, Sendable {
    public let kind: Shuangjiang.Common.V1.OpinionDeadlineKind
    public let startsAt: Instant
    public let allowedSeconds: Int64
    public let metAt: Instant?
    public let status: Shuangjiang.Common.V1.DeadlineStatus

    public var dueAt: Instant { startsAt.adding(seconds: allowedSeconds) }
}
