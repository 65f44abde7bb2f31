/// Field violations carried through a `Result`.
struct ViolationsError: Error {
    let violations: Violations
}
