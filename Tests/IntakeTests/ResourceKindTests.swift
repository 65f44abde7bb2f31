import ServiceKit
import SharedDomain
import Testing

@testable import Intake

@Suite struct ResourceKindTests {
    static let all: [ResourceKind] = [.region, .agency, .case, .opinion]

    /// The statements name the resource's table and nothing else.
    @Test(arguments: all)
    func statementsNameTheirTables(resource: ResourceKind) {
        for sql in [resource.nextKeySQL, resource.bodySQL, resource.keySQL] {
            #expect(sql.hasSuffix(" FROM \(resource.table)") || sql.contains(" FROM \(resource.table) WHERE id = ?"))
            for other in Self.all where other != resource {
                #expect(!sql.contains(" \(other.table)"), "\(sql)")
            }
        }
    }

    @Test(arguments: all)
    func idsRoundTripAndForeignOnesDoNot(resource: ResourceKind) {
        #expect(resource.parse(resource.format(42)) == 42)
        #expect(resource.parse(resource.format(Int64.max)) == Int64.max)
        for other in Self.all where other != resource {
            #expect(resource.parse(other.format(42)) == nil)
        }
    }
}
