/// Progress of a long send on standard error: a bar redrawn in place on a terminal, a plain
/// count line every so often otherwise (a log file should not fill with carriage returns).
public struct Progress: Sendable {
    public let total: Int
    public let label: String
    public let isTerminal: Bool
    private var lastShown = -1

    public init(total: Int, label: String, isTerminal: Bool = Printer.standardErrorIsTerminal) {
        self.total = total
        self.label = label
        self.isTerminal = isTerminal
    }

    /// The text to show after `done` items, or nil when nothing new is worth showing.
    public mutating func update(_ done: Int) -> String? {
        if isTerminal {
            // Redraw at each whole percent, so a large import does not spend its time drawing.
            let percent = total == 0 ? 100 : done * 100 / total
            guard percent != lastShown || done == total else { return nil }
            lastShown = percent
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            return "\r\(label) [\(bar)] \(done)/\(total)" + (done == total ? "\n" : "")
        }
        guard done == total || done % 1000 == 0, done != lastShown else { return nil }
        lastShown = done
        return "\(label): \(done) of \(total)\n"
    }
}
