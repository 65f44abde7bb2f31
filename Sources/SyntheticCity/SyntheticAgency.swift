public import Messages

/// A generated agency: its CreateAgencyRequest, short of the region id intake assigned.
public struct SyntheticAgency: Sendable, Hashable {
    public typealias V1 = Shuangjiang.Intake.V1

    /// Its position in `SyntheticCity.agencies`, and so in `SyntheticReference.agency`.
    public let index: Int
    /// The region it belongs to (`SyntheticCity.regions`).
    public let regionIndex: Int
    /// The request with `region_id` empty.
    public let template: V1.CreateAgencyRequest
    /// The agency's random effect on the log-odds of a loss (`LossModel.agencySpread`); ground
    /// truth, not something intake holds.
    public let lossEffect: Double

    public init(index: Int, regionIndex: Int, template: V1.CreateAgencyRequest, lossEffect: Double) {
        self.index = index
        self.regionIndex = regionIndex
        self.template = template
        self.lossEffect = lossEffect
    }

    public var name: String { template.name }

    public func request(resolve: (SyntheticReference) -> String) -> V1.CreateAgencyRequest {
        var request = template
        request.regionId = resolve(.region(regionIndex))
        return request
    }
}
