public import GRPC
internal import GRPCCore
public import Messages

// Opinion compliance is the next part of assessment to be built (issue 11, item 7). Until then
// this RPC answers UNIMPLEMENTED saying so, rather than something made up.
extension AssessmentService {
    public func getOpinionCompliance(_ request: V1.GetOpinionComplianceRequest, context: ServerContext) async throws
        -> V1.GetOpinionComplianceResponse
    {
        throw RPCError(
            code: .unimplemented, message: "GetOpinionCompliance: opinion deadlines are not part of this build yet")
    }
}
