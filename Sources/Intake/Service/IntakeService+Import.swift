public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    /// Rows whose writes may be queued before the oldest result is awaited: enough for group
    /// commit to fill large batches, few enough to bound memory on a huge import.
    static let importWindow = 512

    private enum ImportSlot {
        case done(V1.ImportRowResult)
        case pending(rowNumber: Int64, WriteFuture<(replayed: Bool, caseId: String)>)
    }

    public func importCases(_ requests: RequestStream<V1.ImportCasesRequest>, context: ServerContext) async throws
        -> V1.ImportCasesResponse
    {
        var slots: [ImportSlot] = []
        var report = ImportReport()
        var inFlight = 0
        var rowNumbers = Set<Int64>()
        for try await row in requests {
            let now = clock.now()
            let firstUse = rowNumbers.insert(row.rowNumber).inserted
            switch validate(row, firstUse: firstUse, today: today(at: now)) {
            case .failure(let violations):
                slots.append(.done(Self.rejected(row.rowNumber, invalid: violations.violations.all)))
            case .success(let (filing, events)):
                let future = WriteFuture<(replayed: Bool, caseId: String)>()
                database.write({ tx in try Self.importRow(tx, row, filing: filing, events: events, now: now) }) {
                    future.fulfil($0)
                }
                slots.append(.pending(rowNumber: row.rowNumber, future))
                inFlight += 1
            }
            if inFlight > Self.importWindow {
                inFlight -= await Self.settle(&slots, into: &report, keepingPending: Self.importWindow / 2)
            }
        }
        _ = await Self.settle(&slots, into: &report, keepingPending: 0)
        return report.response
    }

    /// Moves finished rows from the front of `slots` to `report`, in stream order, waiting for
    /// writes until at most `keepingPending` remain. Returns how many writes it awaited.
    private static func settle(
        _ slots: inout [ImportSlot], into report: inout ImportReport, keepingPending: Int
    ) async -> Int {
        var awaited = 0
        var pending = slots.count { if case .pending = $0 { true } else { false } }
        var settled = 0
        while settled < slots.count {
            switch slots[settled] {
            case .done(let result):
                report.add(result)
            case .pending(let rowNumber, let future):
                guard pending > keepingPending else {
                    slots.removeFirst(settled)
                    return awaited
                }
                switch await future.result {
                case .success(let outcome):
                    var result = V1.ImportRowResult()
                    result.rowNumber = rowNumber
                    result.accepted = true
                    result.caseId = outcome.caseId
                    result.replayed = outcome.replayed
                    report.add(result)
                case .failure(let error):
                    report.add(rejected(rowNumber, RPCError(converting: error)))
                }
                pending -= 1
                awaited += 1
            }
            settled += 1
        }
        slots.removeAll()
        return awaited
    }

    /// The row's field checks, with paths relative to the row.
    private func validate(_ row: V1.ImportCasesRequest, firstUse: Bool, today: CivilDate?) -> Result<
        (ValidatedFiling, [V1.CaseEvent.Event]), ViolationsError
    > {
        var violations = Violations()
        if row.rowNumber <= 0 {
            violations.add("row_number", "must be positive")
        } else if !firstUse {
            violations.add("row_number", "must be unique within the stream")
        }
        var filingViolations = Violations(prefix: "filing.")
        var filing: ValidatedFiling?
        if let request = row.filing {
            filing = ValidatedFiling.validate(request, today: today, into: &filingViolations)
        } else {
            violations.add("filing", "required: the case to file")
        }
        violations.append(contentsOf: filingViolations)
        for (index, recorded) in row.events.enumerated() {
            CaseEventValidation.validate(recorded.event, path: "events[\(index)].", today: today, into: &violations)
        }
        guard violations.isEmpty, let filing else { return .failure(ViolationsError(violations: violations)) }
        return .success((filing, row.events.compactMap(\.event)))
    }

    /// Files one row's case and applies its events in one write request: all of the row or none.
    private static func importRow(
        _ tx: WriteTransaction, _ row: V1.ImportCasesRequest, filing: ValidatedFiling, events: [V1.CaseEvent.Event],
        now: Instant
    ) throws -> (replayed: Bool, caseId: String) {
        var content = row
        content.rowNumber = 0  // the same row re-imported from another line is still a replay
        let result = try tx.idempotent(
            scope: "ImportCases", requestId: filing.request.requestId,
            requestFingerprint: try content.requestFingerprint()
        ) {
            // The row's events are checked against the life-cycle rules before anything is
            // written: a row refused after its case was filed would make the writer undo and rerun
            // its whole batch (Storage runs requests without savepoints until one fails late).
            var lifecycle = CaseLifecycle(
                kind: filing.request.kind, instance: filing.request.instance, filedOn: filing.filedOn,
                priorOutcome: try priorOutcome(tx, relatedCaseId: filing.request.relatedFirstInstanceCaseId))
            for (index, event) in events.enumerated() {
                try rejectingRow(eventAt: index) { try lifecycle.apply(event) }
            }
            var stored = try fileCase(tx, filing, now: now, prefix: "filing.")
            let key = ResourceKind.case.parse(stored.record.id) ?? 0
            for (index, event) in events.enumerated() {
                try rejectingRow(eventAt: index) {
                    stored = try recordEvent(tx, key: key, case: stored.record, event: event, now: now)
                }
            }
            return stored.body
        }
        return (result.isReplay, try V1.Case(storedBytes: result.response).id)
    }

    /// Runs `body` for the row's event `index`, naming the event in a life-cycle refusal.
    private static func rejectingRow(eventAt index: Int, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let rejection as CaseEventRejection {
            if case .rule = rejection {
                throw RPCError(code: .failedPrecondition, message: "events[\(index)]: \(rejection.rpcError.message)")
            }
            throw rejection.prefixingFields(with: "events[\(index)]")
        }
    }

    /// A row refused by field validation: its violations as they are, without building the
    /// status details an RPC would carry only to read them back.
    private static func rejected(_ rowNumber: Int64, invalid violations: [FieldViolation]) -> V1.ImportRowResult {
        var result = V1.ImportRowResult()
        result.rowNumber = rowNumber
        result.statusCode = StatusCode.invalidArgument.rawValue
        result.rejectionReason = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        result.fieldViolations = violations.map(Self.fieldViolation)
        return result
    }

    private static func fieldViolation(_ violation: FieldViolation) -> Shuangjiang.Common.V1.FieldViolation {
        var field = Shuangjiang.Common.V1.FieldViolation()
        field.field = violation.field
        field.rule = violation.description
        return field
    }

    private static func rejected(_ rowNumber: Int64, _ error: RPCError) -> V1.ImportRowResult {
        var result = V1.ImportRowResult()
        result.rowNumber = rowNumber
        result.statusCode = error.code.rawValue
        result.rejectionReason = error.message
        let details = error.metadata.firstBinary(StatusDetails.metadataKey).flatMap(StatusDetails.decodeBadRequest)
        result.fieldViolations = (details ?? []).map(Self.fieldViolation)
        return result
    }
}
