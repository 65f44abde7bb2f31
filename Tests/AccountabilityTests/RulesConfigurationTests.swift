import Accountability
import SharedDomain
import Testing

@Suite struct RulesConfigurationTests {
    func rules(_ json: String) throws(ConfigurationError) -> AccountabilityRules {
        try AccountabilityRules(configuration: Array(json.utf8))
    }

    @Test func everySettingIsReadExactly() throws {
        let read = try rules(
            """
            {"assessment": {"settle_seconds": 5},
             "accountability": {
              "referrals": {"from_case_lost": false, "from_opinion_deadline_missed": false},
              "repeated_loss": {"window_days": 180, "minimum_losses": 3},
              "escalations": {"interview_convener": "分管副市长 王五", "self_criticism_convener": "市政府第12次常务会议"},
              "supervision": {"from_high_risk_cases": false, "kind": "leader_ownership", "owner_name": "县长",
                              "owner_position": "县政府县长", "plan": "包案化解", "due_days": 45, "reminder_lead_hours": 24}}}
            """)
        #expect(!read.referrals.fromCaseLost && !read.referrals.fromOpinionDeadlineMissed)
        #expect(read.repeatedLoss.windowDays == 180 && read.repeatedLoss.minimumLosses == 3)
        #expect(read.escalations.interview == "分管副市长 王五")
        #expect(read.escalations.selfCriticism == "市政府第12次常务会议")
        #expect(!read.supervision.fromHighRiskCases && read.supervision.form == .leaderOwnership)
        #expect(read.supervision.ownerName == "县长" && read.supervision.ownerPosition == "县政府县长")
        #expect(read.supervision.plan == "包案化解")
        #expect(read.supervision.dueDays == 45 && read.supervision.reminderLeadSeconds == 86_400)
    }

    /// Other services' sections are theirs: a file with only assessment's keeps every default.
    @Test func aFileWithoutTheSectionKeepsTheDefaults() throws {
        #expect(try rules("{}") == AccountabilityRules())
        #expect(try rules(#"{"assessment": {"settle_seconds": 5}}"#) == AccountabilityRules())
        let defaults = AccountabilityRules()
        #expect(defaults.referrals.fromCaseLost && defaults.referrals.fromOpinionDeadlineMissed)
        #expect(defaults.supervision.fromHighRiskCases && defaults.supervision.dueDays == 30)
        #expect(defaults.repeatedLoss.windowDays == 365 && defaults.repeatedLoss.minimumLosses == 2)
    }

    @Test(arguments: [
        (#"{"accountability": {"referal": {}}}"#, "accountability.referal: not a setting this version knows"),
        (
            #"{"accountability": {"referrals": {"from_case_los": true}}}"#,
            "accountability.referrals.from_case_los: not a setting"
        ),
        (
            #"{"accountability": {"referrals": {"from_case_lost": "yes"}}}"#,
            "accountability.referrals.from_case_lost: must be true or false"
        ),
        (
            #"{"accountability": {"supervision": {"kind": "boss"}}}"#,
            "accountability.supervision.kind: \"boss\" is not listed or leader_ownership"
        ),
        (
            #"{"accountability": {"supervision": {"due_days": 0}}}"#,
            "accountability.supervision.due_days: must be a whole number 1-366"
        ),
        (
            #"{"accountability": {"supervision": {"due_days": 1, "reminder_lead_hours": 24}}}"#,
            "accountability.supervision.reminder_lead_hours: the reminder must fall after the alert"
        ),
        (
            #"{"accountability": {"supervision": {"owner_name": " "}}}"#,
            "accountability.supervision.owner_name: must be text"
        ),
        (
            #"{"accountability": {"repeated_loss": {"minimum_losses": 1}}}"#,
            "accountability.repeated_loss.minimum_losses: must be a whole number 2-100"
        ),
        (
            #"{"accountability": {"escalations": {"interview": "x"}}}"#,
            "accountability.escalations.interview: not a setting"
        ),
        (#"{"accountability": []}"#, "accountability: must be an object"),
        ("[1]", "the file must hold a JSON object"),
        ("{", "not valid JSON"),
    ])
    func aBadSettingIsRefusedNamingIt(json: String, message: String) {
        do {
            _ = try rules(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
