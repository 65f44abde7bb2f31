import GRPCCore
import Messages
import SharedDomain
import Testing

@testable import ServiceKit

@Suite struct ViolationsTests {
    func violations(_ body: (inout Violations) -> Void) -> [FieldViolation] {
        var violations = Violations()
        body(&violations)
        return violations.all
    }

    @Test func oneCharacterWithThousandsOfCombiningMarksIsRefusedByItsBytes() {
        let heavy = "e" + String(repeating: "\u{301}", count: 300_000)
        #expect(heavy.count == 1)
        let found = violations { $0.text(heavy, "court_name", 1...128) }
        #expect(
            found == [
                FieldViolation(
                    field: "court_name", description: "must be 1-128 characters and at most 512 bytes of UTF-8")
            ])
    }

    @Test func textAtItsLimitsPasses() {
        #expect(violations { $0.text(String(repeating: "徐", count: 64), "name", 1...64) }.isEmpty)
        #expect(violations { $0.text(String(repeating: "😀", count: 64), "name", 1...64) }.isEmpty)
        #expect(violations { $0.text("", "note", 1...2000, required: false) }.isEmpty)
    }

    @Test(arguments: ["   ", "\u{3000}", "\t\n", " \u{3000} "])
    func blankTextIsRefused(text: String) {
        #expect(
            violations { $0.text(text, "name", 1...64) } == [
                FieldViolation(field: "name", description: "must not be blank: only spaces or other white space")
            ])
        #expect(!violations { $0.text(text, "note", 1...2000, required: false) }.isEmpty)
    }

    @Test func textWithSpacesAroundWordsPasses() {
        #expect(violations { $0.text(" 鼓楼区 ", "name", 1...64) }.isEmpty)
    }

    @Test func tooManyCharactersAreRefused() {
        #expect(
            violations { $0.text(String(repeating: "a", count: 65), "name", 1...64) } == [
                FieldViolation(field: "name", description: "must be 1-64 characters")
            ])
    }

    @Test func requestIdsArePrintableASCII() {
        #expect(violations { $0.requestId("3f2a-uuid") }.isEmpty)
        #expect(violations { $0.requestId("") }.map(\.field) == ["request_id"])
        #expect(violations { $0.requestId("两") }.map(\.field) == ["request_id"])
        #expect(violations { $0.requestId(String(repeating: "a", count: 129)) }.map(\.field) == ["request_id"])
    }

    @Test func aPrefixNamesNestedFields() {
        var violations = Violations(prefix: "filing.")
        violations.add("court_name", "required")
        #expect(violations.all.map(\.field) == ["filing.court_name"])
    }

    @Test func periodsResolveToCalendarPeriods() {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = .quarter
        period.year = 2024
        period.index = 1
        var found = Violations()
        #expect(found.calendarPeriod(period, "period") == .quarter(year: 2024, quarter: 1))
        period.index = 5
        #expect(found.calendarPeriod(period, "period") == nil)
        #expect(found.all.map(\.field) == ["period.index"])
    }

    @Test func checkThrowsEveryViolationAtOnce() {
        var violations = Violations()
        violations.add("a", "required")
        violations.add("b", "required")
        let error = #expect(throws: RPCError.self) { try violations.check() }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "a: required; b: required")
    }
}
