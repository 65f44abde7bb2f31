public import GRPC
public import Messages

// The creating requests: their request_id goes on each call's log line.
extension Shuangjiang.Intake.V1.CreateRegionRequest: RequestIdentifying {}
extension Shuangjiang.Intake.V1.CreateAgencyRequest: RequestIdentifying {}
extension Shuangjiang.Intake.V1.FileCaseRequest: RequestIdentifying {}
extension Shuangjiang.Intake.V1.RecordCaseEventRequest: RequestIdentifying {}
extension Shuangjiang.Intake.V1.ReportOpinionRequest: RequestIdentifying {}
extension Shuangjiang.Intake.V1.RecordOpinionMilestoneRequest: RequestIdentifying {}
