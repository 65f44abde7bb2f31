public import Messages
public import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.ListRegionsRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListAgenciesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListCasesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListOpinionsRequest: PagedListRequest {}
