import ServiceKit
import SharedDomain
import Intake
import Messages
import Testing

@Suite struct DocketNumberTests {
    @Test func aFirstInstanceDocketNumberParsesIntoItsParts() throws {
        let docket = try #require(DocketNumber("(2024)苏03行初123号"))
        #expect(docket.year == 2024)
        #expect(docket.province == "苏")
        #expect(docket.courtCode == "苏03")
        #expect(docket.marker == .firstInstance)
        #expect(docket.sequence == 123)
        #expect(docket.marker.allowedInstances == [.first])
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
    ])
    func theCanonicalSpellingHasAsciiBracketsAndNoLeadingZeros(written: String, canonical: String) throws {
        let docket = try #require(DocketNumber(written))
        #expect(docket.canonical == canonical)
        #expect(docket == DocketNumber(canonical), "one docket, however it was written")
    }

    @Test func aHighCourtCodeHasNoDigits() throws {
        let docket = try #require(DocketNumber("(2022)苏行再4号"))
        #expect(docket.courtCode == "苏")
        #expect(docket.marker.allowedInstances == [.retrial])
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
    ])
    func malformedDocketNumbersAreRejected(text: String) {
        #expect(DocketNumber(text) == nil)
    }
}
