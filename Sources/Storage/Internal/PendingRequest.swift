/// Created on the caller's thread, then touched only by the storage thread that dequeued it;
/// the queue's lock orders the hand-off.
final class PendingRequest<Context, T: Sendable>: Job, @unchecked Sendable {
    private let body: @Sendable (Context) throws -> T
    private let completion: @Sendable (Result<T, any Error>) -> Void
    private var result: Result<T, any Error>?

    init(
        body: @escaping @Sendable (Context) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        self.body = body
        self.completion = completion
    }

    func perform(_ context: Context) -> Bool {
        do {
            result = .success(try body(context))
            return true
        } catch {
            result = .failure(error)
            return false
        }
    }

    func fail(_ error: any Error) {
        result = .failure(error)
    }

    func complete() {
        completion(result ?? .failure(StorageError.closed))
    }
}
