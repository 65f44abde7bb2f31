internal import Foundation
public import SharedDomain

extension AssessmentRules {
    /// The `assessment` section of the rules file (`--config`), every key optional:
    ///
    ///     {"assessment": {
    ///         "loss_rate_formula": "concluded",            // concluded | merits | plaintiff_win
    ///         "warnings": {"loss_rate_threshold": "10%", "peer_median_margin": "5%",
    ///                      "yellow_above_city_rate": true},
    ///         "escalation": {"threshold": "10%", "grace_days": 10,
    ///                        "ladder": ["interview", "self_criticism"]},
    ///         "settle_seconds": 60,
    ///         "case_risk": {…}, "forecast": {…}}}                // RiskConfiguration
    ///
    /// Rates are written as "10%", "0.1" or "1/10" and read exactly. A key this version does not
    /// know is an error naming it, so a typo never silently leaves a default in force.
    public init(configuration json: [UInt8]) throws(ConfigurationError) {
        self.init()
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
                throw ConfigurationError("the file must hold a JSON object")
            }
            root = object
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("not valid JSON: \(error.localizedDescription)")
        }
        guard let section = root["assessment"] else { return }
        let assessment = try Self.object(section, "assessment")
        try Self.onlyKeys(
            assessment, "assessment",
            [
                "loss_rate_formula", "warnings", "escalation", "settle_seconds", "case_risk", "forecast",
            ])
        if let formula = assessment["loss_rate_formula"] {
            let name = try Self.string(formula, "assessment.loss_rate_formula")
            switch name {
            case "concluded": lossRateFormula = .concluded
            case "merits": lossRateFormula = .merits
            case "plaintiff_win": lossRateFormula = .plaintiffWin
            default:
                throw ConfigurationError(
                    "assessment.loss_rate_formula: \"\(name)\" is not concluded, merits or plaintiff_win")
            }
        }
        if let value = assessment["warnings"] {
            let section = try Self.object(value, "assessment.warnings")
            try Self.onlyKeys(
                section, "assessment.warnings", ["loss_rate_threshold", "peer_median_margin", "yellow_above_city_rate"])
            if let rate = section["loss_rate_threshold"] {
                warnings.lossRateThreshold = try Self.rate(rate, "assessment.warnings.loss_rate_threshold")
            }
            if let rate = section["peer_median_margin"] {
                warnings.peerMedianMargin = try Self.rate(rate, "assessment.warnings.peer_median_margin")
            }
            if let flag = section["yellow_above_city_rate"] {
                guard let flag = flag as? Bool else {
                    throw ConfigurationError("assessment.warnings.yellow_above_city_rate: must be true or false")
                }
                warnings.yellowAboveCityRate = flag
            }
        }
        if let value = assessment["escalation"] {
            let section = try Self.object(value, "assessment.escalation")
            try Self.onlyKeys(section, "assessment.escalation", ["threshold", "grace_days", "ladder"])
            if let rate = section["threshold"] {
                escalation.threshold = try Self.rate(rate, "assessment.escalation.threshold")
            }
            if let days = section["grace_days"] {
                escalation.graceDays = try Self.count(days, "assessment.escalation.grace_days", max: 366)
            }
            if let ladder = section["ladder"] {
                guard let rungs = ladder as? [String], !rungs.isEmpty else {
                    throw ConfigurationError(
                        "assessment.escalation.ladder: must be a non-empty list of \"interview\" and \"self_criticism\""
                    )
                }
                escalation.ladder = try rungs.map { rung throws(ConfigurationError) in
                    switch rung {
                    case "interview": .interview
                    case "self_criticism": .selfCriticism
                    default:
                        throw ConfigurationError(
                            "assessment.escalation.ladder: \"\(rung)\" is not interview or self_criticism")
                    }
                }
            }
        }
        if let seconds = assessment["settle_seconds"] {
            settleSeconds = try Self.count(seconds, "assessment.settle_seconds", max: 86_400)
        }
        if let section = assessment["case_risk"] { try RiskConfiguration.caseRisk(section, into: &risk) }
        if let section = assessment["forecast"] { try RiskConfiguration.forecast(section, into: &forecast) }
    }

    private static func object(_ value: Any, _ key: String) throws(ConfigurationError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw ConfigurationError("\(key): must be an object") }
        return object
    }

    private static func onlyKeys(_ object: [String: Any], _ key: String, _ known: Set<String>)
        throws(ConfigurationError)
    {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigurationError(
                "\(key).\(unknown): not a setting this version knows (known: \(known.sorted().joined(separator: ", ")))"
            )
        }
    }

    private static func string(_ value: Any, _ key: String) throws(ConfigurationError) -> String {
        guard let text = value as? String else { throw ConfigurationError("\(key): must be a string") }
        return text
    }

    private static func rate(_ value: Any, _ key: String) throws(ConfigurationError) -> Fraction {
        let text = try string(value, key)
        guard let rate = Fraction(parsing: text) else {
            throw ConfigurationError("\(key): \"\(text)\" is not a rate like \"10%\", \"0.1\" or \"1/10\"")
        }
        return rate
    }

    private static func count(_ value: Any, _ key: String, max: Int64) throws(ConfigurationError) -> Int64 {
        guard let number = value as? NSNumber, let count = Int64(exactly: number.doubleValue), (0...max).contains(count)
        else {
            throw ConfigurationError("\(key): must be a whole number 0-\(max)")
        }
        return count
    }
}
