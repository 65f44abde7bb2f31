public import GRPC
internal import GRPCCore
public import Messages

// Case risk and opinion compliance are the next parts of assessment to be built (issue 11, items
// 5 and 7). Until then these RPCs answer UNIMPLEMENTED saying so, rather than something made up.
extension AssessmentService {
    public func assessCase(_ request: V1.AssessCaseRequest, context: ServerContext) async throws -> V1.CaseAssessment {
        throw RPCError(code: .unimplemented, message: "AssessCase: case risk scoring is not part of this build yet")
    }

    public func listHighRiskCases(_ request: V1.ListHighRiskCasesRequest, context: ServerContext) async throws
        -> V1.ListHighRiskCasesResponse
    {
        throw RPCError(code: .unimplemented, message: "ListHighRiskCases: case risk scoring is not part of this build yet")
    }

    public func getOpinionCompliance(_ request: V1.GetOpinionComplianceRequest, context: ServerContext) async throws
        -> V1.GetOpinionComplianceResponse
    {
        throw RPCError(
            code: .unimplemented, message: "GetOpinionCompliance: opinion deadlines are not part of this build yet")
    }
}
