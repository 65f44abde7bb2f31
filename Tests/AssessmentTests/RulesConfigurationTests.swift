import SharedDomain
import Testing

@testable import Assessment

@Suite struct RulesConfigurationTests {
    func rules(_ json: String) throws(ConfigurationError) -> AssessmentRules {
        try AssessmentRules(configuration: Array(json.utf8))
    }

    @Test func everySettingIsReadExactly() throws {
        let read = try rules(
            """
            {"assessment": {"loss_rate_formula": "merits",
              "warnings": {"loss_rate_threshold": "12.5%", "peer_median_margin": "0.04", "yellow_above_city_rate": false},
              "escalation": {"threshold": "8%", "grace_days": 15, "ladder": ["interview", "interview", "self_criticism"]},
              "settle_seconds": 5}}
            """)
        #expect(read.lossRateFormula == .merits)
        #expect(read.warnings.lossRateThreshold == Fraction(1, 8))
        #expect(read.warnings.peerMedianMargin == Fraction(1, 25))
        #expect(!read.warnings.yellowAboveCityRate)
        #expect(read.escalation.threshold == Fraction(2, 25))
        #expect(read.escalation.graceDays == 15)
        #expect(read.escalation.ladder == [.interview, .interview, .selfCriticism])
        #expect(read.settleSeconds == 5)
    }

    @Test func anEmptyFileKeepsTheDefaults() throws {
        #expect(try rules("{}") == AssessmentRules())
    }

    @Test(arguments: [
        (
            #"{"assessment": {"warnings": {"loss_rate_treshold": "10%"}}}"#,
            "assessment.warnings.loss_rate_treshold: not a setting"
        ),
        (
            #"{"assessment": {"escalation": {"threshold": "ten"}}}"#,
            "assessment.escalation.threshold: \"ten\" is not a rate"
        ),
        (#"{"assessment": {"loss_rate_formula": "fast"}}"#, "assessment.loss_rate_formula: \"fast\""),
        (#"{"assessment": {"escalation": {"ladder": []}}}"#, "assessment.escalation.ladder: must be a non-empty list"),
        (#"{"assessment": {"settle_seconds": -1}}"#, "assessment.settle_seconds: must be a whole number"),
        ("[1]", "the file must hold a JSON object"),
        ("{", "not valid JSON"),
    ])
    func aBadFileIsRefusedNamingTheKey(json: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) { try rules(json) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }
}
