/// A generated entity that a request points at, before intake has given it an id. Intake
/// assigns ids, so a loader creates entities in timeline order, remembers the id each response
/// carries, and answers these from that map when it builds later requests.
public enum SyntheticReference: Hashable, Sendable {
    case region(Int)
    case agency(Int)
    case caseRecord(Int)
    case opinion(Int)
}
