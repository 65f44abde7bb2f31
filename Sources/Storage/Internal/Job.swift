/// A queued read or write, type-erased so requests with different result types share a queue.
protocol Job<Context>: AnyObject {
    associatedtype Context

    /// Runs the body and keeps its result; returns whether it succeeded.
    func perform(_ context: Context) -> Bool
    /// Replaces the outcome with a failure (its batch did not commit, or it never ran).
    func fail(_ error: any Error)
    /// Delivers the outcome; called once, after the transaction ended.
    func complete()
}
