internal import SharedDomain
public import Messages
public import ServiceKit

extension Shuangjiang.Intake.V1.ListRegionsRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListAgenciesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListCasesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListOpinionsRequest: PagedListRequest {}
