public import GRPC
internal import GRPCCore
public import Messages

// Case risk is the next part of assessment to be built (issue 11, item 5). Until then these RPCs
// answer UNIMPLEMENTED saying so, rather than something made up.
extension AssessmentService {
    public func assessCase(_ request: V1.AssessCaseRequest, context: ServerContext) async throws -> V1.CaseAssessment {
        throw RPCError(code: .unimplemented, message: "AssessCase: case risk scoring is not part of this build yet")
    }

    public func listHighRiskCases(_ request: V1.ListHighRiskCasesRequest, context: ServerContext) async throws
        -> V1.ListHighRiskCasesResponse
    {
        throw RPCError(code: .unimplemented, message: "ListHighRiskCases: case risk scoring is not part of this build yet")
    }
}
