import GRPC
import GRPCCore
import Intake
import Messages
import Stubs
import Testing

/// FileCase accepts the docket forms courts issue, each with the instance its marker stands for.
@Suite struct DocketFilingTests {
    typealias V1 = Shuangjiang.Intake.V1

    @Test(arguments: [
        ("(2024)苏03行赔初5号", V1.Instance.first, "苏03"),
        ("(2024)苏行赔终2号", .second, "苏"),
        ("(2024)苏行赔再1号", .retrial, "苏"),
        ("(2024)苏行赔申6号", .retrial, "苏"),
        ("(2024)苏行赔抗3号", .retrial, "苏"),
        ("(2024)最高法行申1号", .retrial, "最高法"),
        ("(2024)最高法行再2号", .retrial, "最高法"),
        ("(2024)苏行抗2号", .retrial, "苏"),
        ("(2024)苏03行监4号", .retrial, "苏03"),
        ("(2024)苏0302行审15号", .first, "苏0302"),
        ("(2024)苏03行审复3号", .second, "苏03"),
        ("(2024)苏0302行辖9号", .first, "苏0302"),
        ("(2024)苏03行辖终3号", .second, "苏03"),
    ])
    func aRealDocketIsFiledWithItsInstanceAndRefusedWithAnother(
        docket: String, instance: V1.Instance, courtCode: String
    ) async throws {
        let h = try await IntakeHarness.make()
        var request = h.filing(1)
        request.docketNumber = docket
        request.instance = instance
        let filed = try await h.client.fileCase(request)
        #expect(filed.docketNumber == docket && filed.instance == instance && filed.courtCode == courtCode)

        for other in [V1.Instance.first, .second, .retrial] where other != instance {
            var wrong = h.filing(2)
            wrong.docketNumber = String(docket.dropLast()) + "0号"
            wrong.instance = other
            let error = await #expect(throws: RPCError.self, "\(docket) as \(other)") {
                try await h.client.fileCase(wrong)
            }
            #expect(error?.code == .invalidArgument && error?.violatedFields == ["docket_number"])
        }
        #expect(await h.stop())
    }

    @Test func aRefusedFormNamesTheRuleAndTheMarkers() async throws {
        let h = try await IntakeHarness.make()
        var request = h.filing(1)
        request.docketNumber = "(2014)徐行初字第12号"
        request.filedOn = CaseEvents.day(2014, 3, 1)
        let error = await #expect(throws: RPCError.self) { try await h.client.fileCase(request) }
        #expect(error?.violatedFields == ["docket_number"])
        #expect(error?.message.contains("最高法") == true && error?.message.contains("行赔初") == true)
        #expect(await h.stop())
    }
}
