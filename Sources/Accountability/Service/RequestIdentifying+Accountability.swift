public import GRPC
public import Messages

// The creating and changing requests: their request_id goes on each call's log line.
extension Shuangjiang.Accountability.V1.OpenReferralRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.AdvanceReferralRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.CompileMonthlyBatchRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.RecordEscalationOutcomeRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.OpenSupervisionRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.UpdateSupervisionRequest: RequestIdentifying {}
extension Shuangjiang.Accountability.V1.CloseSupervisionRequest: RequestIdentifying {}
