import Messages
import SyntheticCity

/// The loss model's factors a risk model can read off intake's data, with the direction each
/// moves a case's odds of being lost.
enum ObservableFactor: String, CaseIterable, Sendable, CustomStringConvertible {
    case headAppeared = "head appeared"
    case mediationFailed = "mediation failed"
    case relatedOpinion = "related opinion incident"
    case priorReconsiderationCorrection = "prior reconsideration correction"
    case groupSuit = "five or more plaintiffs"

    func holds(for factors: CaseFactors) -> Bool {
        switch self {
        case .headAppeared: factors.headAppeared
        case .mediationFailed: factors.mediation == .failed
        case .relatedOpinion: factors.relatedOpinion
        case .priorReconsiderationCorrection: factors.priorReconsiderationCorrection
        case .groupSuit: factors.plaintiffCount >= 5
        }
    }

    var raisesLosses: Bool { self != .headAppeared }

    var description: String { rawValue }
}
