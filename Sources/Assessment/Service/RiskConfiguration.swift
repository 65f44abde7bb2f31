internal import Foundation
internal import SharedDomain

/// The `case_risk` and `forecast` sections of the rules file, every key optional:
///
///     "case_risk": {"weights": {"agency_loss_history": 20, "category_loss_rate": 15, …},
///                   "red_threshold": 50, "yellow_threshold": 35, "history_months": 12,
///                   "smoothing_cases": 10, "full_points_loss_rate": "20%", "prior_loss_rate": "8%",
///                   "minimum_conclusion_times": 20, "default_conclusion_days": 180,
///                   "correction_lookback_days": 365, "full_points_plaintiffs": 5},
///     "forecast": {"interval_z": 1.2816, "minimum_expected_conclusions": 5,
///                  "calibration_band_width": 10, "calibration_smoothing": 5,
///                  "include_new_filings": true}
///
/// Weights name every factor they set (a factor left out keeps its default) and may sum to at
/// most 100, the score's scale.
enum RiskConfiguration {
    static func caseRisk(_ value: Any, into rules: inout CaseRiskRules) throws(ConfigurationError) {
        let key = "assessment.case_risk"
        let section = try object(value, key)
        try onlyKeys(
            section, key,
            [
                "weights", "red_threshold", "yellow_threshold", "history_months", "smoothing_cases",
                "full_points_loss_rate", "prior_loss_rate", "minimum_conclusion_times", "default_conclusion_days",
                "correction_lookback_days", "full_points_plaintiffs",
            ])
        if let value = section["weights"] {
            let weights = try object(value, "\(key).weights")
            let factors = Dictionary(uniqueKeysWithValues: CaseRiskFactor.allCases.map { ($0.name, $0) })
            try onlyKeys(weights, "\(key).weights", Set(factors.keys))
            for (name, weight) in weights {
                guard let factor = factors[name] else { continue }
                rules.weights[factor] = try number(weight, "\(key).weights.\(name)", 0...100)
            }
            let total = rules.weights.values.reduce(0, +)
            guard total <= 100 else { throw ConfigurationError("\(key).weights: sum to \(total), more than 100") }
        }
        if let value = section["red_threshold"] {
            rules.redThreshold = try number(value, "\(key).red_threshold", 0...100)
        }
        if let value = section["yellow_threshold"] {
            rules.yellowThreshold = try number(value, "\(key).yellow_threshold", 0...100)
        }
        guard rules.yellowThreshold <= rules.redThreshold else {
            throw ConfigurationError("\(key).yellow_threshold: must not be above red_threshold")
        }
        if let value = section["history_months"] {
            rules.historyMonths = Int32(try whole(value, "\(key).history_months", 1...60))
        }
        if let value = section["smoothing_cases"] {
            rules.smoothingCases = try number(value, "\(key).smoothing_cases", 0...1000)
        }
        if let value = section["full_points_loss_rate"] {
            rules.fullPointsLossRate = try rate(value, "\(key).full_points_loss_rate", 0.001...1)
        }
        if let value = section["prior_loss_rate"] {
            rules.priorLossRate = try rate(value, "\(key).prior_loss_rate", 0...1)
        }
        if let value = section["minimum_conclusion_times"] {
            rules.minimumConclusionTimes = Int(try whole(value, "\(key).minimum_conclusion_times", 1...100_000))
        }
        if let value = section["default_conclusion_days"] {
            rules.defaultConclusionDays = try whole(value, "\(key).default_conclusion_days", 1...3650)
        }
        if let value = section["correction_lookback_days"] {
            rules.correctionLookbackDays = try whole(value, "\(key).correction_lookback_days", 1...3650)
        }
        if let value = section["full_points_plaintiffs"] {
            rules.fullPointsPlaintiffs = Int32(try whole(value, "\(key).full_points_plaintiffs", 2...10_000))
        }
    }

    static func forecast(_ value: Any, into rules: inout LossForecastRules) throws(ConfigurationError) {
        let key = "assessment.forecast"
        let section = try object(value, key)
        try onlyKeys(
            section, key,
            [
                "interval_z", "minimum_expected_conclusions", "calibration_band_width", "calibration_smoothing",
                "include_new_filings",
            ])
        if let value = section["interval_z"] { rules.intervalZ = try number(value, "\(key).interval_z", 0...10) }
        if let value = section["minimum_expected_conclusions"] {
            rules.minimumExpectedConclusions = try number(value, "\(key).minimum_expected_conclusions", 0...100_000)
        }
        if let value = section["calibration_band_width"] {
            rules.calibrationBandWidth = try number(value, "\(key).calibration_band_width", 1...100)
        }
        if let value = section["calibration_smoothing"] {
            rules.calibrationSmoothing = try number(value, "\(key).calibration_smoothing", 0...10_000)
        }
        if let value = section["include_new_filings"] {
            guard isBoolean(value), let flag = value as? Bool else {
                throw ConfigurationError("\(key).include_new_filings: must be true or false")
            }
            rules.includeNewFilings = flag
        }
    }

    /// JSON's true and false come back as NSNumbers of their own class, and 0 and 1 cast to Bool:
    /// only the class tells a flag from a number.
    private static func isBoolean(_ value: Any) -> Bool {
        ObjectIdentifier(type(of: value as AnyObject)) == ObjectIdentifier(type(of: NSNumber(value: true)))
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

    private static func number(_ value: Any, _ key: String, _ range: ClosedRange<Double>) throws(ConfigurationError)
        -> Double
    {
        guard !isBoolean(value), let number = value as? NSNumber, range.contains(number.doubleValue) else {
            throw ConfigurationError("\(key): must be a number \(range.lowerBound)-\(range.upperBound)")
        }
        return number.doubleValue
    }

    /// A rate as a number (0.2) or as the rules file writes rates ("20%", "1/5").
    private static func rate(_ value: Any, _ key: String, _ range: ClosedRange<Double>) throws(ConfigurationError)
        -> Double
    {
        if let text = value as? String {
            guard let rate = Fraction(parsing: text), range.contains(rate.value) else {
                throw ConfigurationError(
                    "\(key): \"\(text)\" is not a rate \(range.lowerBound)-\(range.upperBound) like \"20%\"")
            }
            return rate.value
        }
        return try number(value, key, range)
    }

    private static func whole(_ value: Any, _ key: String, _ range: ClosedRange<Int64>) throws(ConfigurationError)
        -> Int64
    {
        guard !isBoolean(value), let number = value as? NSNumber, let whole = Int64(exactly: number.doubleValue),
            range.contains(whole)
        else { throw ConfigurationError("\(key): must be a whole number \(range.lowerBound)-\(range.upperBound)") }
        return whole
    }
}
