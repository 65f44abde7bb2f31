internal import Messages

/// A region as generated: the city itself (index 0) or one of its counties, districts and zones.
struct RegionPlan: Sendable {
    let index: Int
    let name: String
    let shortName: String
    let kind: Shuangjiang.Intake.V1.RegionKind
    let divisionCode: String
    /// Cases relative to an average region.
    let volume: Double
    let townships: [String]
    let headTitle: String
    /// The region's random effect on the log-odds of a loss (LossModel.regionSpread), with the
    /// problem region's extra (LossModel.problemRegion) included.
    let lossEffect: Double

    var isCity: Bool { kind == .city }
    var isZone: Bool { kind == .functionalZone }
    var isCounty: Bool { kind == .county }
}
