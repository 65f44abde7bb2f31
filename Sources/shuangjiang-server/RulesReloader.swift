import Accountability
import Assessment
import Logging
import ServiceKit
import SharedDomain

/// The configuration file and the rules both services parse from it: read at start and again on
/// each SIGHUP, the same way.
struct RulesFile: Sendable {
    let file: ConfigurationFile
    let assessment: AssessmentRules
    let accountability: AccountabilityRules

    init(path: String) throws(ConfigurationError) {
        file = try ConfigurationFile(path: path)
        assessment = try AssessmentRules(configuration: file.bytes)
        accountability = try AccountabilityRules(configuration: file.bytes)
    }
}

/// The rules the services read, and their reload from the configuration file on SIGHUP.
///
/// A reload is all or nothing: both sections must parse, or neither is replaced and the error is
/// logged, so a half-edited file never leaves assessment and accountability on different rules.
/// Judgments already made (alerts raised, referrals opened) stand; the new rules apply from the
/// next call and the next change applied.
final class RulesReloader: Sendable {
    let assessment: Reloadable<AssessmentRules>
    let accountability: Reloadable<AccountabilityRules>
    private let file: Reloadable<ConfigurationFile?>
    private let logger: Logger

    init(settings: Settings, logger: Logger) {
        assessment = Reloadable(settings.rules?.assessment ?? AssessmentRules())
        accountability = Reloadable(settings.rules?.accountability ?? AccountabilityRules())
        file = Reloadable(settings.rules?.file)
        self.logger = logger
    }

    /// On the loop thread: reads and parses the file again (a few kilobytes, so the loop is not held).
    func reload() {
        guard let old = file.current else {
            logger.warning("SIGHUP: there is no configuration file to reload; start with --config FILE")
            return
        }
        do {
            let rules = try RulesFile(path: old.path)
            let new = rules.file
            let changes = new.changes(from: old)
            assessment.replace(with: rules.assessment)
            accountability.replace(with: rules.accountability)
            file.replace(with: new)
            if changes.isEmpty {
                logger.notice("rules reloaded: nothing changed", metadata: ["file": "\(new.path)"])
            }
            for change in changes {
                let restart = change.hasPrefix("server.") ? " (server settings apply at the next start)" : ""
                logger.notice("rules reloaded: \(change)\(restart)", metadata: ["file": "\(new.path)"])
            }
        } catch {
            logger.error(
                "rules not reloaded, the previous rules stay in force: \(error)", metadata: ["file": "\(old.path)"])
        }
    }
}
