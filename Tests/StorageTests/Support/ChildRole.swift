import TestProcesses

extension ChildProcess {
    /// Storage tests' children (a writer to SIGKILL, a process holding the lock).
    static let storage = ChildProcess(roleVariable: "SJ_STORAGE_CHILD")
}
