internal import Synchronization

/// The writer's counters, shared with `Database.writeStatistics`.
final class StatisticsRecorder: Sendable {
    let counters = Mutex(WriteStatistics())
}
