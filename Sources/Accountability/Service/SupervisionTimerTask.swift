public import Logging
public import ServiceKit
internal import SharedDomain

/// Raises supervision reminders and escalations the moment they fall due: sleeps until the
/// earliest pending instant on the service's clock, fires what is due, and sleeps again. Writes
/// that move the earliest wake it (`SupervisionAlarm`). On start it fires at once whatever fell
/// due while the service was down, once (each is recorded with the supervision).
public struct SupervisionTimerTask: BackgroundTask {
    public let name = "supervision-timer"
    let service: AccountabilityService
    let logger: Logger

    /// The longest sleep: a stepped wall clock is noticed within a minute.
    static let maxSleep: Duration = .seconds(60)
    /// How soon to look again for a hint the database does not show yet (a write not committed).
    static let hintRetry: Duration = .milliseconds(100)
    static let hintTries = 20

    public init(service: AccountabilityService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    public func run() async throws {
        var hint: Instant?
        var hintTries = 0
        while !Task.isCancelled {
            var sleep = Self.maxSleep
            do {
                for (supervision, notice) in try await service.fireDue() {
                    logger.notice(
                        notice.kind == .reminder ? "supervision reminder raised" : "supervision overdue: escalated",
                        metadata: ["supervision": "\(supervision)", "due_at": "\(notice.dueAt.seconds)"])
                }
                let next = try await service.nextAlarm()
                let now = service.clock.now()
                if let fresh = service.alarm.takeHint() {
                    hint = min(hint ?? fresh, fresh)
                    hintTries = 0
                }
                if let pending = hint, let next, next <= pending { hint = nil }
                if let next { sleep = min(sleep, Self.duration(from: now, to: next)) }
                if let pending = hint {
                    if pending > now {
                        sleep = min(sleep, Self.duration(from: now, to: pending))
                    } else if hintTries < Self.hintTries {
                        hintTries += 1
                        sleep = min(sleep, Self.hintRetry)
                    } else {
                        hint = nil  // rolled back, or already fired and gone
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("supervision timer failed; retrying", metadata: ["error": "\(error)"])
                sleep = .seconds(1)
            }
            if sleep > .zero { await service.alarm.wait(for: sleep) }
        }
    }

    static func duration(from now: Instant, to instant: Instant) -> Duration {
        .milliseconds(max(0, instant.milliseconds - now.milliseconds))
    }
}
