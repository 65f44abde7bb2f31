/// Moves a value that is not `Sendable` to the thread that will own it from then on.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
