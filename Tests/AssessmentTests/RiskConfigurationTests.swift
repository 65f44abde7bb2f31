import Assessment
import SharedDomain
import Testing

@Suite struct RiskConfigurationTests {
    func rules(_ json: String) throws(ConfigurationError) -> AssessmentRules {
        try AssessmentRules(configuration: Array(json.utf8))
    }

    @Test func caseRiskWeightsThresholdsAndForecastSettingsAreRead() throws {
        let read = try rules(
            """
            {"assessment": {"case_risk": {"weights": {"agency_loss_history": 25, "multiple_plaintiffs": 0},
                                          "red_threshold": 60, "yellow_threshold": 40, "history_months": 24,
                                          "full_points_loss_rate": "25%", "prior_loss_rate": 0.06},
                            "forecast": {"interval_z": 1.645, "minimum_expected_conclusions": 3,
                                         "include_new_filings": false}}}
            """)
        #expect(read.risk.weight(.agencyLossHistory) == 25)
        #expect(read.risk.weight(.multiplePlaintiffs) == 0)
        #expect(read.risk.weight(.relatedOpinion) == 15)
        #expect(read.risk.redThreshold == 60 && read.risk.yellowThreshold == 40)
        #expect(read.risk.historyMonths == 24)
        #expect(read.risk.fullPointsLossRate == 0.25 && read.risk.priorLossRate == 0.06)
        #expect(read.forecast.intervalZ == 1.645 && read.forecast.minimumExpectedConclusions == 3)
        #expect(!read.forecast.includeNewFilings)
    }

    @Test(arguments: [
        (
            #"{"assessment": {"case_risk": {"weights": {"agency_history": 10}}}}"#,
            "assessment.case_risk.weights.agency_history: not a setting"
        ),
        (
            #"{"assessment": {"case_risk": {"weights": {"time_open": 60}}}}"#,
            "assessment.case_risk.weights: sum to 150.0, more than 100"
        ),
        (
            #"{"assessment": {"case_risk": {"yellow_threshold": 70}}}"#,
            "assessment.case_risk.yellow_threshold: must not be above"
        ),
        (
            #"{"assessment": {"case_risk": {"red_threshold": true}}}"#,
            "assessment.case_risk.red_threshold: must be a number"
        ),
        (
            #"{"assessment": {"forecast": {"include_new_filings": 1}}}"#,
            "assessment.forecast.include_new_filings: must be true"
        ),
        (#"{"assessment": {"forecast": {"z": 1}}}"#, "assessment.forecast.z: not a setting"),
    ])
    func aBadRiskSettingIsRefusedNamingTheKey(json: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) { try rules(json) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }
}
