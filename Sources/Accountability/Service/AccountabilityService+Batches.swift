public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AccountabilityService {
    /// The month's batch: every clue referred on or before the month's last day that no batch has
    /// taken, in the order referred. A month is compiled once; asking again returns that batch.
    public func compileMonthlyBatch(_ request: V1.CompileMonthlyBatchRequest, context: ServerContext) async throws
        -> V1.ReferralBatch
    {
        let now = clock.now()
        var violations = Violations()
        let month = violations.compileBatch(request)
        try violations.check()
        guard let month else { throw RPCError(code: .internalError, message: "validation passed without a month") }
        let lastDay = month.days.upperBound
        guard let today = today(at: now), lastDay < today else {
            let from = lastDay.adding(days: 1).map { ", from \($0)" } ?? ""
            throw RPCError.failedPrecondition(
                "month: \(month) is not over yet in \(timeZone) (today is \(today(at: now).map(\.description) ?? "unknown")); compile it\(from)"
            )
        }
        let bytes = try await createOnce("CompileMonthlyBatch", request: request, requestId: request.requestId) { tx in
            let code = Int64(lastDay.key / 100)
            if let compiled = try tx.fetchValue([UInt8].self, "SELECT body FROM batches WHERE month = ?", code) {
                return compiled
            }
            let key = try tx.nextKey(.batch)
            var batch = V1.ReferralBatch()
            batch.id = ResourceKind.batch.format(key)
            batch.number = key
            batch.month = Shuangjiang.Common.V1.Period(month)
            batch.compiledBy = request.compiledBy
            batch.compiledAt = now.timestamp
            let rows = try tx.fetchAll(
                "SELECT id, body FROM referrals WHERE batch_id IS NULL AND referred_on <= ? ORDER BY referred_at, id",
                Int64(lastDay.key))
            for row in rows {
                var referral = try V1.Referral(storedBytes: try row.get(1))
                referral.batchId = batch.id
                try tx.execute(
                    "UPDATE referrals SET batch_id = ?, body = ? WHERE id = ?", key, try referral.serializedBytes(),
                    try row.get(0, as: Int64.self))
                batch.referrals.append(referral)
            }
            let body = try batch.serializedBytes()
            try tx.execute("INSERT INTO batches (id, month, body) VALUES (?, ?, ?)", key, code, body)
            return body
        }.response
        return try V1.ReferralBatch(storedBytes: bytes)
    }
}
