import Intake
import Messages
import ServiceKit
import SharedDomain
import Testing

@Suite struct DocketNumberTests {
    @Test func aFirstInstanceDocketNumberParsesIntoItsParts() throws {
        let docket = try #require(DocketNumber("(2024)苏03行初123号"))
        #expect(docket.year == 2024)
        #expect(docket.province == "苏")
        #expect(docket.courtCode == "苏03")
        #expect(docket.marker == .firstInstance)
        #expect(docket.sequence == 123)
        #expect(docket.marker.instance == .first)
    }

    @Test func fullWidthAndHexagonBracketsMeanTheSameDocket() throws {
        let ascii = try #require(DocketNumber("(2023)浙0502行终7号"))
        let fullWidth = try #require(DocketNumber("（2023）浙0502行终7号"))
        let hexagon = try #require(DocketNumber("〔2023〕浙0502行终7号"))
        #expect(ascii.canonical == fullWidth.canonical)
        #expect(hexagon.canonical == ascii.canonical)
        #expect(ascii.marker == .appeal)
    }

    @Test(arguments: [
        ("(2023)浙0502行终7号", "(2023)浙0502行终7号"),
        ("（2023）浙0502行终7号", "(2023)浙0502行终7号"),
        ("(2023)浙0502行终007号", "(2023)浙0502行终7号"),
        ("(2023)浙行再100号", "(2023)浙行再100号"),
        ("(0999)浙行再1号", "(0999)浙行再1号"), ("（0999）浙行再01号", "(0999)浙行再1号"),
        ("（2024）最高法行申01号", "(2024)最高法行申1号"), ("〔2024〕苏03行赔初005号", "(2024)苏03行赔初5号"),
    ])
    func theCanonicalSpellingHasAsciiBracketsAndNoLeadingZeros(written: String, canonical: String) throws {
        let docket = try #require(DocketNumber(written))
        #expect(docket.canonical == canonical)
        #expect(docket == DocketNumber(canonical), "one docket, however it was written")
    }

    @Test func aHighCourtCodeHasNoDigits() throws {
        let docket = try #require(DocketNumber("(2022)苏行再4号"))
        #expect(docket.courtCode == "苏")
        #expect(docket.marker.instance == .retrial)
    }

    /// The forms courts issue under the 2016 scheme, with the instance each marker stands for.
    @Test(arguments: [
        ("(2024)苏03行初123号", DocketMarker.firstInstance, "苏03", Shuangjiang.Intake.V1.Instance.first),
        ("(2024)苏行终7号", .appeal, "苏", .second),
        ("(2024)苏行再4号", .retrial, "苏", .retrial),
        ("(2024)苏行申11号", .retrialApplication, "苏", .retrial),
        ("(2024)最高法行申1号", .retrialApplication, "最高法", .retrial),
        ("(2023)最高法行再12号", .retrial, "最高法", .retrial),
        ("(2024)苏行抗2号", .protestReview, "苏", .retrial),
        ("(2024)苏03行监4号", .supervision, "苏03", .retrial),
        ("(2024)苏03行赔初5号", .compensationFirstInstance, "苏03", .first),
        ("(2024)苏行赔终2号", .compensationAppeal, "苏", .second),
        ("(2024)苏行赔再1号", .compensationRetrial, "苏", .retrial),
        ("(2024)最高法行赔申7号", .compensationRetrialApplication, "最高法", .retrial),
        ("(2024)苏行赔抗3号", .compensationProtestReview, "苏", .retrial),
        ("(2024)苏0302行审15号", .enforcementReview, "苏0302", .first),
        ("(2024)苏03行审复3号", .enforcementReviewReconsideration, "苏03", .second),
        ("(2024)苏0302行辖9号", .jurisdiction, "苏0302", .first),
        ("(2024)苏03行辖终3号", .jurisdictionAppeal, "苏03", .second),
        ("(2024)内01行初1号", .firstInstance, "内01", .first),
        ("(2024)兵07行终2号", .appeal, "兵07", .second),
    ])
    func theFormsCourtsIssueParse(
        text: String, marker: DocketMarker, courtCode: String, instance: Shuangjiang.Intake.V1.Instance
    ) throws {
        let docket = try #require(DocketNumber(text))
        #expect(docket.marker == marker && docket.courtCode == courtCode && docket.marker.instance == instance)
        #expect(docket.province == (courtCode == "最高法" ? nil : courtCode.first))
        #expect(docket.canonical == text)
    }

    @Test func everyMarkerIsRecognised() {
        for marker in DocketMarker.allCases {
            #expect(DocketNumber("(2024)苏03\(marker.rawValue)1号")?.marker == marker)
        }
    }

    @Test(arguments: [
        "", "2024苏03行初123号", "(2024苏03行初123号", "(24)苏03行初123号", "(2024)XX03行初123号",
        "(2024)苏03民初123号", "(2024)苏03行初号", "(2024)苏03行初123", "(2024)苏03行初0号",
        "(2024)苏030201行初1号", "(2024)苏03行初123号 ", "(2024）苏03行初1号", "(2024)苏03行初12a号",
        // Court codes have 0, 2 or 4 digits; 内 (not 蒙) is Inner Mongolia's; no mainland court is 港.
        "(2024)苏3行初1号", "(2024)苏030行初1号", "(2024)苏03021行初1号", "(2024)蒙01行初1号", "(2024)港行初1号",
        "(2024)最高行申1号", "(2024)最高法03行申1号", "(2024)最高法苏行申1号",
        // Pre-2016 forms, a bare 行赔 (no instance), and markers that are not a case against an agency.
        "(2014)徐行初字第12号", "(2015)苏03行初字第00012号", "(2024)苏03行赔5号", "(2024)苏03行他1号",
        "(2024)苏03行赔初号", "(2024)苏03行辖终0号",
    ])
    func malformedDocketNumbersAreRejected(text: String) {
        #expect(DocketNumber(text) == nil)
    }
}
