internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Rate {
    /// common.v1.Rate: the integers, the formula, and the fraction for convenience.
    var message: Shuangjiang.Common.V1.Rate {
        var rate = Shuangjiang.Common.V1.Rate()
        rate.numerator = numerator
        rate.denominator = denominator
        rate.formula = formula
        rate.value = fraction?.value ?? 0
        return rate
    }
}

extension Shuangjiang.Assessment.V1.AlertSubject {
    static func region(_ id: String, name: String) -> Self {
        var subject = Self()
        subject.target = .regionId(id)
        subject.displayName = name
        return subject
    }
}

extension ScopeKey {
    /// As common.v1.Scope.
    var message: Shuangjiang.Common.V1.Scope {
        var scope = Shuangjiang.Common.V1.Scope()
        switch self {
        case .city: scope.unit = .city(Google.Protobuf.Empty())
        case .region(let key): scope.unit = .regionId(ResourceKind.region.format(key))
        case .agency(let key): scope.unit = .agencyId(ResourceKind.agency.format(key))
        }
        return scope
    }
}

extension UnitWarnings.Unit {
    var id: String {
        switch scope {
        case .region(let key): ResourceKind.region.format(key)
        case .agency(let key): ResourceKind.agency.format(key)
        case .city: "city"
        }
    }

    var subject: Shuangjiang.Assessment.V1.AlertSubject {
        var subject = Shuangjiang.Assessment.V1.AlertSubject()
        switch scope {
        case .agency(let key): subject.target = .agencyId(ResourceKind.agency.format(key))
        case .region(let key): subject.target = .regionId(ResourceKind.region.format(key))
        case .city: break
        }
        subject.displayName = name
        return subject
    }

    func message(period: CalendarPeriod, cityRate: Rate) -> Shuangjiang.Assessment.V1.Warning {
        var warning = Shuangjiang.Assessment.V1.Warning()
        warning.unit = scope.message
        warning.unitName = name
        warning.period = Shuangjiang.Common.V1.Period(period)
        warning.level =
            switch assessment.level {
            case .red: .red
            case .yellow: .yellow
            case .green: .green
            }
        warning.lossRate = lossRate.message
        warning.cityLossRate = cityRate.message
        warning.peerMedian = peerMedian?.value ?? 0
        warning.triggers = assessment.triggers.map { trigger in
            var message = Shuangjiang.Assessment.V1.WarningTrigger()
            message.rule =
                switch trigger.rule {
                case .lossRateThreshold: .lossRateThreshold
                case .peerMedianMargin: .peerMedianMargin
                case .aboveCityRate: .aboveCityRate
                }
            message.threshold = trigger.threshold.value
            message.observed = trigger.observed.value
            message.explanation = trigger.explanation
            return message
        }
        return warning
    }
}
