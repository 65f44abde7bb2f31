/// Work a service runs for as long as it is up: following another service's feed, firing
/// deadline timers. The host starts each once the server is listening and cancels it when a
/// shutdown begins, before calls have drained and before the databases close; `run` must then
/// return promptly. A task that must survive failures retries inside `run` (as the feed follower
/// does); one that throws is logged and not restarted.
public protocol BackgroundTask: Sendable {
    var name: String { get }
    func run() async throws
}
