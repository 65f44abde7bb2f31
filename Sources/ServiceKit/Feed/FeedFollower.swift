import GRPC
public import Messages
public import Storage
import Synchronization

/// Follows another service's feed over gRPC and applies each event to this service's database
/// exactly once, across crashes and restarts on either side.
///
/// Each write applies a batch of received events and advances the follower's cursor (in
/// Storage's `cursors` table, under `name`) in the same transaction, so the database holds
/// either both or neither. Every connection starts from the committed cursor, and events at or
/// below it are ignored, so a replayed or reconnected stream applies nothing twice; the
/// upstream's feed is gapless and a gap stops the follower before it, so nothing is skipped.
/// When the upstream goes away the follower applies what it had already received, then
/// reconnects with exponential backoff; the service's own reads never depend on it.
///
///     let follower = FeedFollower(name: "intake", upstream: feed, database: database) { tx, event in
///         try tx.execute("INSERT INTO …", …)
///     }
///     let task = Task { await follower.run() }
///     …
///     await follower.stop()
///
/// `apply` runs inside `Database.write` and so may run twice for one commit (see there): it
/// must touch nothing but the transaction. If it throws, the whole batch is rolled back and
/// retried after a backoff; an event it always rejects holds the follower at that event, with
/// the error in ``status``, rather than being skipped.
public final class FeedFollower<Request: ProtoMessage, Event: ProtoMessage>: Sendable {
    public typealias Apply = @Sendable (WriteTransaction, Event) throws -> Void
    /// Applies the events of one write together, in order: a consumer that aggregates (sums per
    /// day, say) touches each row once per write instead of once per event.
    public typealias ApplyBatch = @Sendable (WriteTransaction, [Event]) throws -> Void

    /// The cursor's name in the database's `cursors` table.
    public let name: String
    public let upstream: UpstreamFeed<Request, Event>
    public let database: Database
    public let configuration: FeedFollowerConfiguration
    private let apply: ApplyBatch
    private let onStateChange: @Sendable (FeedFollowerState) -> Void
    private let onApplied: @Sendable (Int64) -> Void
    private let shared = Mutex(Shared())

    private struct Shared {
        var status = FeedFollowerStatus()
        var task: Task<Void, Never>?
        var started = false
        var stopRequested = false
        /// Failed attempts in a row, for the backoff; back to one after an applied event.
        var failures = 0
        var session = Session()
    }

    /// One connection: from reading the cursor until the watch's last event is applied.
    private struct Session {
        /// The first failure ends the session; later ones only update `lastError`.
        var failure: (error: any Error, retryAt: ContinuousClock.Instant)?
        /// The session's own tasks are being stopped: what they report is not a failure.
        var closing = false
        var highestReceived: Int64 = 0
        var receivedNew = false
        /// A head read succeeded after the connect: the connection lasted and served calls.
        var refreshed = false
        var advanced = false
    }

    private enum Ending {
        case retry(at: ContinuousClock.Instant)
        case stop
    }

    /// - Parameters:
    ///   - onStateChange: called on each state change, from whichever task made it; it must
    ///     only hand the state on, never wait.
    ///   - apply: applies one event inside the write that also advances the cursor.
    public convenience init(
        name: String, upstream: UpstreamFeed<Request, Event>, database: Database,
        configuration: FeedFollowerConfiguration = FeedFollowerConfiguration(),
        onStateChange: @escaping @Sendable (FeedFollowerState) -> Void = { _ in },
        apply: @escaping Apply
    ) {
        self.init(
            name: name, upstream: upstream, database: database, configuration: configuration,
            onStateChange: onStateChange, applyBatch: { tx, events in for event in events { try apply(tx, event) } })
    }

    /// - Parameters:
    ///   - onApplied: called with the new applied sequence after each write that advanced it
    ///     has committed (and at connect, with the cursor read), so readers waiting for a
    ///     sequence can be woken instead of polling ``status``; it must not wait.
    ///   - applyBatch: applies the new events of one write, in feed order, inside the write that
    ///     also advances the cursor past them.
    public init(
        name: String, upstream: UpstreamFeed<Request, Event>, database: Database,
        configuration: FeedFollowerConfiguration = FeedFollowerConfiguration(),
        onStateChange: @escaping @Sendable (FeedFollowerState) -> Void = { _ in },
        onApplied: @escaping @Sendable (Int64) -> Void = { _ in },
        applyBatch: @escaping ApplyBatch
    ) {
        precondition(configuration.maxBatchSize >= 1 && configuration.bufferCapacity >= 1, "batches hold an event")
        self.name = name
        self.upstream = upstream
        self.database = database
        self.configuration = configuration
        self.onStateChange = onStateChange
        self.onApplied = onApplied
        self.apply = applyBatch
    }

    /// How far the follower has come; a snapshot, safe from any thread.
    public var status: FeedFollowerStatus {
        shared.withLock { $0.status }
    }

    /// Follows the upstream until ``stop()`` is called or the calling task is cancelled (then the
    /// write in flight finishes first), or the database closes. A follower runs once.
    public func run() async {
        // The work runs in a task of its own so that stop() can cancel it whoever called run().
        let task = shared.withLock { shared -> Task<Void, Never>? in
            precondition(!shared.started, "a FeedFollower runs only once")
            shared.started = true
            guard !shared.stopRequested else { return nil }
            let task = Task { await self.follow() }
            shared.task = task
            return task
        }
        guard let task else { return transition(to: .stopped) }
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// Stops following: the write in flight commits, events received after it are left for the
    /// next run to fetch again. Returns once ``run()`` has finished.
    public func stop() async {
        let task = shared.withLock { shared in
            shared.stopRequested = true
            return shared.task
        }
        task?.cancel()
        await task?.value
    }

    // MARK: The loop

    private func follow() async {
        while true {
            switch await connectAndApply() {
            case .stop:
                return transition(to: .stopped)
            case .retry(let at):
                do {
                    try await Task.sleep(until: at, clock: .continuous)
                } catch {
                    return transition(to: .stopped)
                }
            }
        }
    }

    /// One session: cursor, head, then the watch's events until it ends or fails.
    private func connectAndApply() async -> Ending {
        let attempt = shared.withLock { shared in
            shared.session = Session()
            return shared.failures + 1
        }
        transition(to: .connecting(attempt: attempt))
        let cursor: Int64
        var expected: (sequence: Int64, fingerprint: Int64)?
        do {
            let name = name
            let stored = try await database.read { (try $0.cursor(name), try $0.cursorFingerprint(name)) }
            cursor = stored.0
            if upstream.fingerprint != nil, cursor > 0, let fingerprint = stored.1 {
                expected = (cursor, fingerprint)
            }
            shared.withLock { shared in
                shared.status.appliedSequence = cursor
                shared.status.receivedSequence = cursor
            }
            onApplied(cursor)
            // Reading the head first is the cheap proof that the upstream answers, and gives the
            // lag before the first event arrives.
            let head = try await upstream.head(CallOptions(timeout: configuration.headTimeout))
            guard head >= cursor else { throw FeedFollowerError.upstreamBehind(head: head, applied: cursor) }
            record(head: head)
        } catch {
            failed(error)
            return ending()
        }
        guard !Task.isCancelled else { return .stop }
        transition(to: .connected)

        // With a fingerprint to check, the watch starts one event early: the upstream's event at
        // the cursor must be the one applied there (the head alone cannot show a restored
        // upstream that has written past the cursor again).
        let call = upstream.watch(expected == nil ? cursor : cursor - 1)
        let buffer = FeedBuffer<Event>(capacity: configuration.bufferCapacity)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.receive(call, into: buffer) }
            group.addTask { await self.refreshHead() }
            await applyEvents(from: buffer, after: cursor, expecting: expected)
            shared.withLock { $0.session.closing = true }
            call.cancel()
            buffer.close()
            group.cancelAll()
        }
        return ending()
    }

    private func ending() -> Ending {
        shared.withLock { shared in
            guard !shared.stopRequested, !Task.isCancelled else { return .stop }
            // Only cancellation ends a session unreported; wait anyway rather than spin.
            guard let failure = shared.session.failure else {
                return .retry(at: .now + configuration.backoff.delay(afterAttempt: max(1, shared.failures)))
            }
            // Nothing will ever be written again.
            if let error = failure.error as? StorageError, error == .closed { return .stop }
            return .retry(at: failure.retryAt)
        }
    }

    /// Reads the watch into the buffer; its end, whatever the cause, ends the session.
    private func receive(_ call: StreamingCall<Request, Event>, into buffer: FeedBuffer<Event>) async {
        // Finish only after the failure is recorded: the applier ends the session once drained.
        defer { buffer.finish() }
        let sequence = upstream.sequence
        do {
            for try await event in call.responses {
                let position = sequence(event)
                shared.withLock { shared in
                    shared.session.highestReceived = max(shared.session.highestReceived, position)
                    shared.status.receivedSequence = max(shared.status.receivedSequence, position)
                    if position > shared.status.appliedSequence { shared.session.receivedNew = true }
                    if position > shared.status.upstreamHead ?? 0 { shared.status.upstreamHead = position }
                }
                guard await buffer.push(event) else { return }
            }
            failed(FeedFollowerError.watchEnded)
        } catch {
            if !Task.isCancelled { failed(error) }
        }
    }

    private func refreshHead() async {
        while true {
            do {
                try await Task.sleep(for: configuration.headRefreshInterval)
            } catch {
                return
            }
            // A failed read changes nothing: the watch itself tells whether the upstream is there.
            if let head = try? await upstream.head(CallOptions(timeout: configuration.headTimeout)) {
                record(head: head)
                shared.withLock { $0.session.refreshed = true }
            }
        }
    }

    /// Applies what the buffer holds, a batch per write, until it is drained and finished, a
    /// write fails, or the task is cancelled (events left in the buffer are fetched again later).
    /// - Parameter expecting: the event at the cursor as applied, checked before anything else.
    private func applyEvents(
        from buffer: FeedBuffer<Event>, after cursor: Int64, expecting: (sequence: Int64, fingerprint: Int64)?
    ) async {
        let sequence = upstream.sequence
        var applied = cursor
        var expecting = expecting
        while true {
            let received = await buffer.take(upTo: configuration.maxBatchSize)
            guard !received.isEmpty, !Task.isCancelled else { return }
            if let expected = expecting, let fingerprint = upstream.fingerprint {
                expecting = nil
                // Later events are another history if this one is not the one applied. (A feed
                // that starts past the cursor has no event there to compare; its gap is caught
                // as any other.)
                if sequence(received[0]) == expected.sequence, fingerprint(received[0]) != expected.fingerprint {
                    // As a failed write: only applied events would count as progress, so the
                    // retries back off instead of reconnecting at the first delay forever.
                    failed(FeedFollowerError.upstreamDiverged(sequence: expected.sequence), applying: true)
                    return
                }
            }
            // A stream replayed after a reconnect may repeat what is already applied.
            let batch = received.filter { sequence($0) > applied }
            guard !batch.isEmpty else { continue }
            do {
                let outcome = try await write(batch)
                applied = outcome.cursor
                shared.withLock { shared in
                    shared.status.appliedSequence = outcome.cursor
                    if outcome.advanced { shared.session.advanced = true }
                }
                onApplied(outcome.cursor)
                if let gap = outcome.gap {
                    failed(gap, applying: true)
                    return
                }
            } catch {
                failed(error, applying: true)
                return
            }
        }
    }

    /// One write: every event of `batch` past the committed cursor, then the cursor.
    private func write(_ batch: [Event]) async throws -> (cursor: Int64, advanced: Bool, gap: FeedFollowerError?) {
        let name = name
        let apply = apply
        let sequence = upstream.sequence
        let fingerprint = upstream.fingerprint
        let contiguous = configuration.requiresContiguousSequences
        return try await database.write { tx in
            // The committed cursor decides, not this task's copy: another instance under the same
            // name may have moved it, and a rerun of this body starts from the rolled-back state.
            let start = try tx.cursor(name)
            var cursor = start
            var gap: FeedFollowerError?
            var fresh: [Event] = []
            for event in batch {
                let position = sequence(event)
                guard position > cursor else { continue }
                if contiguous && position != cursor + 1 {
                    gap = .gap(applied: cursor, received: position)
                    break
                }
                fresh.append(event)
                cursor = position
            }
            if !fresh.isEmpty { try apply(tx, fresh) }
            if cursor > start, let last = fresh.last {
                try tx.setCursor(name, to: cursor, fingerprint: fingerprint.map { $0(last) })
            }
            return (cursor, cursor > start, gap)
        }
    }

    // MARK: State

    private func record(head: Int64) {
        shared.withLock { shared in
            // An answer sent before the newest event arrived must not move the head back.
            shared.status.upstreamHead = max(head, shared.session.highestReceived)
        }
    }

    /// Ends the session with `error` (the first report wins) and schedules the next attempt. The
    /// backoff starts over if the session made progress: a new event, or (for an idle follower
    /// that is caught up) a connection that lasted until a head refresh.
    /// - Parameter applying: a write failed. Then only an applied event counts as progress, so an
    ///   event the apply always rejects backs off further each time instead of retrying hot.
    private func failed(_ error: any Error, applying: Bool = false) {
        let state = shared.withLock { shared -> FeedFollowerState? in
            // Stopping cancels calls and tasks; what they report then is not a failure.
            guard !shared.stopRequested, !shared.session.closing, !Task.isCancelled else { return nil }
            shared.status.lastError = error
            guard shared.session.failure == nil else { return nil }
            let session = shared.session
            let progressed = session.advanced || (!applying && (session.receivedNew || session.refreshed))
            shared.failures = progressed ? 1 : shared.failures + 1
            let delay = configuration.backoff.delay(afterAttempt: shared.failures)
            shared.session.failure = (error, .now + delay)
            let state = FeedFollowerState.reconnecting(after: error, attempt: shared.failures + 1, delay: delay)
            shared.status.state = state
            return state
        }
        if let state { onStateChange(state) }
    }

    private func transition(to state: FeedFollowerState) {
        shared.withLock { $0.status.state = state }
        onStateChange(state)
    }
}
