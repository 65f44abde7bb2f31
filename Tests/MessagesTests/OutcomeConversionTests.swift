import Messages
import SharedDomain
import Testing

@Suite struct OutcomeConversionTests {
    /// The domain's outcomes are the wire enum's, number for number and name for name.
    @Test func everyWireOutcomeHasADomainOutcomeOfTheSameName() {
        let wire = Shuangjiang.Intake.V1.CaseOutcome.knownCases.filter { $0 != .unspecified }
        #expect(wire.count == Outcome.allCases.count)
        for value in wire {
            let outcome = value.outcome
            #expect(outcome != nil, "\(value)")
            #expect(outcome.map { "\($0)" } == "\(value)")
        }
        #expect(Shuangjiang.Intake.V1.CaseOutcome.unspecified.outcome == nil)
    }
}
