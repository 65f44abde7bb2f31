internal import Messages

/// Where incidents are found and what they say: formulaic, and plainly synthetic.
enum OpinionTexts {
    typealias Category = Shuangjiang.Intake.V1.OpinionCategory

    /// Platform and the path segment of its (non-resolving, .invalid) link.
    static let sources: [((String, String), Double)] = [
        (("微博", "weibo"), 30), (("抖音", "douyin"), 25), (("微信公众号", "wechat"), 15), (("今日头条", "toutiao"), 10),
        (("快手", "kuaishou"), 8), (("人民网领导留言板", "liuyan"), 5), (("\(SyntheticCityNames.city)论坛", "bbs"), 4),
        (("小红书", "xhs"), 3),
    ]

    private static let topics = ["道路破损", "学校招生划片", "小区物业管理", "房屋征收补偿", "食品安全", "河道污染", "交通执法", "停车收费"]

    static func summary(_ category: Category, region: String, agency: String, rng: inout SeededRandom) -> String {
        let topic = rng.element(topics)
        switch category {
        case .riskMassInternetCrime:
            return rng.chance(0.5)
                ? "网传\(region)多名群众通过网络投资平台被骗，要求公安机关尽快立案追赃"
                : "有网民发帖称\(region)出现以“养老项目”为名的非法集资，引发关注"
        case .riskAdversarialReading:
            return rng.chance(0.5)
                ? "\(agency)发布的情况通报被网民质疑，评论区出现大量对抗式解读"
                : "网民对\(agency)关于\(topic)问题的官方解释普遍不信任"
        case .riskAuthorityChallenge:
            return rng.chance(0.5)
                ? "网帖质疑\(agency)执法程序，称其“选择性执法”"
                : "短视频质疑\(agency)工作人员执法态度，要求公开处理结果"
        case .riskSelfMedia:
            return "自媒体账号发布\(region)\(topic)的视频，转发评论量快速上升"
        case .riskGroupBypass:
            return rng.chance(0.5)
                ? "\(region)某楼盘购房群体在网上集中发帖，称将赴省反映逾期交房问题"
                : "\(region)部分被征收户在网上联名发帖，称将越级反映补偿问题"
        default:
            return "网民反映\(region)\(topic)问题，要求有关部门回应"
        }
    }

    static func caseSummary(agency: String, detail: String) -> String {
        "涉诉当事人在网上发帖，称\(agency)在\(detail.isEmpty ? "行政行为" : detail)中侵害其合法权益，引发关注"
    }

    static func note(_ kind: Shuangjiang.Intake.V1.MilestoneKind) -> String {
        switch kind {
        case .mediaAttention: "媒体开始关注报道"
        case .reportedUp: "已向上级网信办速报"
        case .firstStatement: "通过官方账号发布情况说明"
        case .inquiriesAccepted: "开通问询受理渠道"
        case .formalResponse: "发布调查处理结果"
        case .closed: "处置完毕"
        default: ""
        }
    }
}
