import ServiceKit
import Testing

@Suite struct ResourceKindTests {
    let kind = ResourceKind("case", table: "cases")

    @Test func anIdOfThisKindGivesItsKey() {
        #expect(kind.parse("case-42") == 42)
        #expect(kind.parse("case-9223372036854775807") == Int64.max)
        #expect(kind.format(7) == "case-7")
        #expect(kind.parse(kind.format(123_456)) == 123_456)
    }

    @Test func anythingElseIsNotOneOfOurs() {
        for id in [
            "", "case", "case-", "case-0", "case--1", "case-1x", "case-١", "cases-1", "cas-1", "Case-1", "region-1",
            "case-9223372036854775808", " case-1", "case-1 ",
        ] {
            #expect(kind.parse(id) == nil, "\(id)")
        }
    }
}
