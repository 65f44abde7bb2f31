/// How log lines are written: JSON lines for collectors (the default), or plain text for a
/// person at a terminal.
public enum LogFormat: String, Sendable, CaseIterable {
    case json
    case text
}
