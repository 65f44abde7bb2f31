import Messages
import SJCtlKit
import Testing

@Suite struct ProtoJSONTests {
    @Test func fieldsUseJSONNamesEnumsByNameAnd64BitIntegersAsStrings() {
        var region = Shuangjiang.Intake.V1.Region()
        region.id = "region-2"
        region.name = "鼓楼区"
        region.regionKind = .district
        var created = Google.Protobuf.Timestamp()
        created.seconds = 1_709_620_200
        created.nanos = 5_000_000
        region.createdAt = created
        #expect(
            ProtoJSON.encode(region)
                == #"{"id":"region-2","name":"鼓楼区","regionKind":"REGION_KIND_DISTRICT","divisionCode":"","parentRegionId":"","createdAt":"2024-03-05T06:30:00.005Z"}"#
        )
        var rate = Shuangjiang.Common.V1.Rate()
        rate.numerator = 7
        rate.denominator = 156
        rate.formula = "loss_rate.concluded"
        rate.value = 7.0 / 156.0
        #expect(
            ProtoJSON.encode(rate)
                == #"{"numerator":"7","denominator":"156","formula":"loss_rate.concluded","value":0.04487179487179487}"#
        )
    }

    @Test func defaultsArePrintedButUnsetMessagesAndOneofMembersAreNot() {
        var scope = Shuangjiang.Common.V1.Scope()
        #expect(ProtoJSON.encode(scope) == "{}")
        scope.unit = .city(Google.Protobuf.Empty())
        #expect(ProtoJSON.encode(scope) == #"{"city":{}}"#)
        scope.unit = .regionId("")
        // A oneof member set to its default is still set.
        #expect(ProtoJSON.encode(scope) == #"{"regionId":""}"#)
        #expect(
            ProtoJSON.encode(Shuangjiang.Intake.V1.FeedHead()) == #"{"sequence":"0"}"#)
    }

    @Test func repeatedFieldsNestedMessagesAndDurations() {
        var supervision = Shuangjiang.Accountability.V1.Supervision()
        var lead = Google.Protobuf.Duration()
        lead.seconds = 259_200
        supervision.reminderLead = lead
        var update = Shuangjiang.Accountability.V1.SupervisionUpdate()
        update.note = "line one\nline \"two\"\u{1}"
        supervision.updates = [update, update]
        let json = ProtoJSON.encode(supervision)
        #expect(json.contains(#""reminderLead":"259200s""#))
        #expect(
            json.contains(#""updates":[{"note":"line one\nline \"two\"\u0001","recordedBy":"","newDueReason":""},"#))
        #expect(json.contains(#""notices":[]"#))
        #expect(json.contains(#""alertSequence":"0""#))
    }

    @Test func anEnumValueThisBuildDoesNotKnowIsPrintedAsItsNumber() {
        var region = Shuangjiang.Intake.V1.Region()
        region.regionKind = .unrecognized(42)
        #expect(ProtoJSON.encode(region).contains(#""regionKind":42"#))
    }

    @Test func packedRepeatedIntegersAreStrings() {
        var response = Shuangjiang.Intake.V1.ImportCasesResponse()
        response.rejectedRowNumbers = [2, 300, 70_000]
        #expect(ProtoJSON.encode(response).contains(#""rejectedRowNumbers":["2","300","70000"]"#))
    }
}

@Suite struct KeyValueBlockTests {
    @Test func ratesReadAsTheExactPairFirstAndEnumsWithTheirChineseTerm() throws {
        var stats = Shuangjiang.Assessment.V1.Indicators()
        var rate = Shuangjiang.Common.V1.Rate()
        rate.numerator = 7
        rate.denominator = 156
        rate.formula = "loss_rate.concluded"
        stats.lossRate = rate
        stats.lossRateFormula = .concluded
        stats.caseVolume = 120
        let lines = KeyValueBlock().render(stats).split(separator: "\n").map(String.init)
        // Keys are padded to one column: the value starts at the same place on every line.
        let column = try #require(lines.first?.firstRange(of: "7/156")?.lowerBound.utf16Offset(in: lines[0]))
        #expect(lines.allSatisfy { $0.count > column && $0[$0.index($0.startIndex, offsetBy: column - 1)] == " " })
        #expect(lines[0].hasPrefix("loss rate ") && lines[0].hasSuffix("  7/156 (4.49%)  loss_rate.concluded"))
        #expect(lines[1].hasPrefix("loss rate formula ") && lines[1].hasSuffix("  concluded (审结口径)"))
        #expect(lines[2].hasPrefix("case volume ") && lines[2].hasSuffix("  120"))
        #expect(!lines.contains { $0.hasPrefix("correction rate") })  // unset messages are left out
    }

    @Test func siblingsOnEitherSideOfANestedBlockShareOneColumn() throws {
        var referral = Shuangjiang.Accountability.V1.Referral()
        referral.id = "referral-7"
        referral.version = 3
        var source = Shuangjiang.Accountability.V1.ReferralSource()
        source.origin = .caseId("case-42")
        referral.source = source
        referral.regionId = "region-2"
        referral.reason = "败诉"
        let lines = KeyValueBlock().render(referral).split(separator: "\n").map(String.init)
        // `source` is a block between the id and version above and the region and reason below;
        // the values of all four start in one column.
        let valueColumns = ["referral-7", "3", "region-2", "败诉"].map { value -> Int? in
            guard let line = lines.first(where: { !$0.hasPrefix(" ") && $0.hasSuffix("  " + value) }) else {
                return nil
            }
            return line.count - value.count
        }
        #expect(!valueColumns.contains(nil), "\(lines)")
        #expect(Set(valueColumns).count == 1, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  ") && $0.hasSuffix("case-42") }, "\(lines)")
    }

    @Test func showRateHandlesAnEmptyDenominator() {
        #expect(Show.rate(7, 156) == "7/156 (4.49%)")
        #expect(Show.rate(0, 0) == "0/0 (undefined)")
        #expect(Show.rate(1, 3) == "1/3 (33.33%)")
        #expect(Show.percent(0.1) == "10%")
        #expect(Show.percent(0.125) == "12.5%")
    }
}

@Suite struct NamedProtoEnumTests {
    @Test func everyConformingEnumMatchesItsDescriptor() throws {
        for type in allNamedProtoEnums {
            let descriptor = try #require(ProtoSchema.shared.enumType(type.protoEnumName), "\(type.protoEnumName)")
            #expect(type.allValueStrings.count == descriptor.values.count - 1, "\(type.protoEnumName)")
        }
        #expect(allNamedProtoEnums.count == 38)
    }

    @Test func valuesAreReadByShortNameFullNameOrChineseTerm() {
        typealias Outcome = Shuangjiang.Intake.V1.CaseOutcome
        #expect(Outcome(argument: "withdrawn-after-change") == .withdrawnAfterChange)
        #expect(Outcome(argument: "CASE_OUTCOME_WITHDRAWN_AFTER_CHANGE") == .withdrawnAfterChange)
        #expect(Outcome(argument: "withdrawn_after_change") == .withdrawnAfterChange)
        #expect(Outcome(argument: "改变行政行为后撤诉") == .withdrawnAfterChange)
        #expect(Outcome(argument: "unspecified-nonsense") == nil)
        #expect(Outcome.revoked.label == "revoked (撤销)")
        #expect(Shuangjiang.Intake.V1.RegionKind.functionalZone.shortName == "functional-zone")
        #expect(Shuangjiang.Intake.V1.CaseState.unspecified.label == "—")
    }
}
