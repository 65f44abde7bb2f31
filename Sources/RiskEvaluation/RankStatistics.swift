/// Discrimination and calibration measures for scores against outcomes.
public enum RankStatistics {
    /// The area under the ROC curve: the probability that a random lost case scores above a random
    /// case that was not lost, ties counting half (the Mann-Whitney U over both counts). Nil
    /// without both kinds.
    public static func auc(_ scored: [(score: Double, lost: Bool)]) -> Double? {
        let positives = scored.count { $0.lost }
        let negatives = scored.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let sorted = scored.sorted { $0.score < $1.score }
        var rankSum = 0.0
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1].score == sorted[index].score { end += 1 }
            // Ranks index+1 ... end+1 shared by the tie.
            let rank = Double(index + end + 2) / 2
            for item in sorted[index...end] where item.lost { rankSum += rank }
            index = end + 1
        }
        let u = rankSum - Double(positives) * Double(positives + 1) / 2
        return u / (Double(positives) * Double(negatives))
    }

    /// The mean squared difference between predicted probabilities and outcomes.
    public static func brier(_ predicted: [(probability: Double, lost: Bool)]) -> Double? {
        guard !predicted.isEmpty else { return nil }
        let sum = predicted.reduce(0.0) { total, item in
            let difference = item.probability - (item.lost ? 1 : 0)
            return total + difference * difference
        }
        return sum / Double(predicted.count)
    }
}
