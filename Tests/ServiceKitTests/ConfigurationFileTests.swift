import ServiceKit
import SharedDomain
import Testing

@Suite struct ConfigurationFileTests {
    func file(_ json: String) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationFile(path: "rules.json", bytes: Array(json.utf8))
    }

    @Test func settingsAreFlattenedIntoDottedKeysWithListsAsOneSetting() throws {
        let config = try file(#"{"assessment": {"escalation": {"threshold": "10%", "ladder": ["interview"]}}}"#)
        #expect(
            config.settings == [
                "assessment.escalation.threshold": #""10%""#,
                "assessment.escalation.ladder": #"["interview"]"#,
            ])
    }

    @Test func changesNameEachSettingThatDiffersWithBothValues() throws {
        let old = try file(#"{"assessment": {"escalation": {"threshold": "10%", "grace_days": 10}}}"#)
        let new = try file(#"{"assessment": {"escalation": {"threshold": "12%"}}, "server": {"port": 1}}"#)
        #expect(
            new.changes(from: old) == [
                #"assessment.escalation.grace_days: 10 → (unset)"#,
                #"assessment.escalation.threshold: "10%" → "12%""#,
                "server.port: (unset) → 1",
            ])
        #expect(new.changes(from: new).isEmpty)
    }

    @Test func theServerSectionReadsAsPlainText() throws {
        let config = try file(#"{"server": {"port": 50051, "data_dir": "/var/lib/sj", "in_memory": true}}"#)
        #expect(config.serverSettings == ["port": "50051", "data_dir": "/var/lib/sj", "in_memory": "true"])
    }

    @Test func anUnknownSectionOrAFileThatIsNotAnObjectIsRefusedSayingWhy() {
        let error = #expect(throws: ConfigurationError.self) { try file(#"{"assesment": {}}"#) }
        #expect(error?.description.contains(#""assesment""#) == true)
        #expect(throws: ConfigurationError.self) { try file("[1]") }
        #expect(throws: ConfigurationError.self) { try file("{") }
    }

    @Test func aReloadableValueChangesGenerationWithEachReplacement() {
        let rules = Reloadable("10%")
        #expect(rules.snapshot.generation == 0)
        rules.replace(with: "12%")
        #expect(rules.current == "12%" && rules.snapshot.generation == 1)
    }
}
