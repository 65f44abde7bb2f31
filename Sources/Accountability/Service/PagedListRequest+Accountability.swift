public import Messages
public import ServiceKit

extension Shuangjiang.Accountability.V1.ListReferralsRequest: PagedListRequest {}
extension Shuangjiang.Accountability.V1.ListEscalationsRequest: PagedListRequest {}
extension Shuangjiang.Accountability.V1.ListSupervisionsRequest: PagedListRequest {}
