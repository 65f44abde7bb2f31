import TestProcesses

extension ChildProcess {
    /// Service-kit tests' children (a follower to SIGKILL mid-write).
    static let serviceKit = ChildProcess(roleVariable: "SJ_SERVICEKIT_CHILD")
}
