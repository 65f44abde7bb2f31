import Accountability
import Assessment
import Foundation
import Testing

/// deploy/rules.json is the rules file the containers and Kubernetes run with (the ConfigMap
/// holds the same text; Tests/python/test_deploy.py checks that). It writes every default out so
/// an operator sees each setting in one place: when a default changes in code, this fails until
/// the file says the same.
@Suite struct DeployedRulesFileTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../deploy/rules.json").standardized

    func contents() throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: Self.file.path), "cannot read \(Self.file.path)")
        return Array(data)
    }

    @Test func theDeployedFileIsAssessmentsDefaultsWrittenOut() throws {
        #expect(try AssessmentRules(configuration: contents()) == AssessmentRules())
    }

    @Test func theDeployedFileIsAccountabilitysDefaultsWrittenOut() throws {
        #expect(try AccountabilityRules(configuration: contents()) == AccountabilityRules())
    }

    /// Equal to the defaults could also mean "the sections are missing": each must be there.
    @Test func theDeployedFileSetsEverySection() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contents())) as? [String: Any])
        let assessment = try #require(root["assessment"] as? [String: Any])
        #expect(
            Set(assessment.keys) == [
                "loss_rate_formula", "warnings", "escalation", "settle_seconds", "case_risk", "forecast",
            ])
        let accountability = try #require(root["accountability"] as? [String: Any])
        #expect(Set(accountability.keys) == ["referrals", "repeated_loss", "escalations", "supervision"])
    }
}
