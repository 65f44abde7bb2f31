// assessment-eval: case risk and the loss-rate forecast evaluated on a seeded synthetic history,
// printed as the Markdown that docs/case-risk.md quotes. Deterministic: the same seed gives the
// same figures.
//
//   swift run -c release assessment-eval [--seed N] [--years N]
import Assessment
import RiskEvaluation
import SyntheticCity

#if canImport(Glibc)
    import Glibc
#endif

var seed: UInt64 = 1
var years = 4
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        print("usage: assessment-eval [--seed N] [--years N]")
        exit(2)
    }
    switch argument {
    case "--seed": seed = UInt64(value)
    case "--years": years = max(value, 3)
    default:
        print("unknown option \(argument)")
        exit(2)
    }
}

let parameters = CityParameters(seed: seed, years: years)
let city = EvaluationCity(SyntheticCity(parameters))
let evaluation = RiskEvaluation(city)
print(
    evaluation.report(
        seed:
            "seed \(seed), \(years) years from \(parameters.firstYear), \(parameters.regionCount) regions, \(parameters.casesPerYear) first-instance cases in the first year"
    ), terminator: "")
