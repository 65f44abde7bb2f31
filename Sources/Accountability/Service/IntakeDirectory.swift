public import Messages

/// What accountability asks intake, which owns regions, agencies, cases and incidents: whether
/// the ones a request names exist, and what they are. Nil means intake has none by that id
/// (NOT_FOUND for the caller); a thrown error means intake could not answer (UNAVAILABLE).
public protocol IntakeDirectory: Sendable {
    func region(_ id: String, field: String) async throws -> Shuangjiang.Intake.V1.Region?
    func agency(_ id: String, field: String) async throws -> Shuangjiang.Intake.V1.Agency?
    func caseRecord(_ id: String, field: String) async throws -> Shuangjiang.Intake.V1.Case?
    func opinion(_ id: String, field: String) async throws -> Shuangjiang.Intake.V1.Opinion?
}
