internal import Foundation
public import SharedDomain

extension AccountabilityRules {
    /// The `accountability` section of the rules file (`--config`), every key optional:
    ///
    ///     {"accountability": {
    ///         "referrals": {"from_case_lost": true, "from_opinion_deadline_missed": true},
    ///         "repeated_loss": {"window_days": 365, "minimum_losses": 2},
    ///         "escalations": {"interview_convener": "市政府分管副市长",
    ///                         "self_criticism_convener": "市政府常务会议"},
    ///         "supervision": {"from_high_risk_cases": true, "kind": "listed",
    ///                         "owner_name": "…", "owner_position": "…", "plan": "…",
    ///                         "due_days": 30, "reminder_lead_hours": 72}}}
    ///
    /// The other sections of the file belong to other services and are not read here. A key this
    /// version does not know is an error naming it, so a typo never silently leaves a default in
    /// force.
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
        guard let value = root["accountability"] else { return }
        let section = try Self.object(
            value, "accountability", ["referrals", "repeated_loss", "escalations", "supervision"])
        if let value = section["referrals"] {
            let key = "accountability.referrals"
            let referrals = try Self.object(value, key, ["from_case_lost", "from_opinion_deadline_missed"])
            if let flag = referrals["from_case_lost"] {
                self.referrals.fromCaseLost = try Self.flag(flag, "\(key).from_case_lost")
            }
            if let flag = referrals["from_opinion_deadline_missed"] {
                self.referrals.fromOpinionDeadlineMissed = try Self.flag(flag, "\(key).from_opinion_deadline_missed")
            }
        }
        if let value = section["repeated_loss"] {
            let key = "accountability.repeated_loss"
            let rule = try Self.object(value, key, ["window_days", "minimum_losses"])
            if let days = rule["window_days"] {
                repeatedLoss.windowDays = try Self.count(days, "\(key).window_days", 1...3660)
            }
            if let count = rule["minimum_losses"] {
                repeatedLoss.minimumLosses = Int(try Self.count(count, "\(key).minimum_losses", 2...100))
            }
        }
        if let value = section["escalations"] {
            let key = "accountability.escalations"
            let conveners = try Self.object(value, key, ["interview_convener", "self_criticism_convener"])
            if let text = conveners["interview_convener"] {
                escalations.interview = try Self.text(text, "\(key).interview_convener", max: 128)
            }
            if let text = conveners["self_criticism_convener"] {
                escalations.selfCriticism = try Self.text(text, "\(key).self_criticism_convener", max: 128)
            }
        }
        if let value = section["supervision"] {
            let key = "accountability.supervision"
            let defaults = try Self.object(
                value, key,
                [
                    "from_high_risk_cases", "kind", "owner_name", "owner_position", "plan", "due_days",
                    "reminder_lead_hours",
                ])
            if let flag = defaults["from_high_risk_cases"] {
                supervision.fromHighRiskCases = try Self.flag(flag, "\(key).from_high_risk_cases")
            }
            if let kind = defaults["kind"] {
                switch try Self.text(kind, "\(key).kind", max: 32) {
                case "listed": supervision.form = .listed
                case "leader_ownership": supervision.form = .leaderOwnership
                case let other: throw ConfigurationError("\(key).kind: \"\(other)\" is not listed or leader_ownership")
                }
            }
            if let text = defaults["owner_name"] {
                supervision.ownerName = try Self.text(text, "\(key).owner_name", max: 64)
            }
            if let text = defaults["owner_position"] {
                supervision.ownerPosition = try Self.text(text, "\(key).owner_position", max: 128)
            }
            if let text = defaults["plan"] { supervision.plan = try Self.text(text, "\(key).plan", max: 4000) }
            if let days = defaults["due_days"] {
                supervision.dueDays = try Self.count(days, "\(key).due_days", 1...366)
            }
            if let hours = defaults["reminder_lead_hours"] {
                let maxHours = SupervisionDefaults.maxReminderLeadSeconds / 3600
                supervision.reminderLeadSeconds =
                    try Self.count(hours, "\(key).reminder_lead_hours", 1...maxHours) * 3600
            }
            if supervision.reminderLeadSeconds >= supervision.dueDays * 86_400 {
                throw ConfigurationError(
                    "\(key).reminder_lead_hours: the reminder must fall after the alert, so less than due_days")
            }
        }
    }

    /// An object holding only `known` keys.
    private static func object(_ value: Any, _ key: String, _ known: Set<String>) throws(ConfigurationError) -> [String:
        Any]
    {
        guard let object = value as? [String: Any] else { throw ConfigurationError("\(key): must be an object") }
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigurationError(
                "\(key).\(unknown): not a setting this version knows (known: \(known.sorted().joined(separator: ", ")))"
            )
        }
        return object
    }

    private static func flag(_ value: Any, _ key: String) throws(ConfigurationError) -> Bool {
        guard let flag = value as? Bool else { throw ConfigurationError("\(key): must be true or false") }
        return flag
    }

    private static func text(_ value: Any, _ key: String, max: Int) throws(ConfigurationError) -> String {
        guard let text = value as? String, !text.allSatisfy(\.isWhitespace), text.count <= max else {
            throw ConfigurationError("\(key): must be text of 1-\(max) characters, not blank")
        }
        return text
    }

    private static func count(_ value: Any, _ key: String, _ range: ClosedRange<Int64>) throws(ConfigurationError)
        -> Int64
    {
        guard let number = value as? NSNumber, let count = Int64(exactly: number.doubleValue), range.contains(count)
        else {
            throw ConfigurationError("\(key): must be a whole number \(range.lowerBound)-\(range.upperBound)")
        }
        return count
    }
}
