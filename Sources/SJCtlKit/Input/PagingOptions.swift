public import ArgumentParser

/// `--page-size`, `--page-token` and `--all` for list commands (paging per common.v1: 50 a page
/// by default, at most 500).
public struct PagingOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("page-size"), help: "Items per page (default 50, at most 500).")
    var requestedPageSize: Int32?

    /// The page size to send: 0 asks for the service's default.
    public var pageSize: Int32 { requestedPageSize ?? 0 }

    @Option(name: .customLong("page-token"), help: "Continue from a previous page (its next-page token).")
    public var pageToken: String?

    @Flag(name: .long, help: "Fetch every page, not just the first.")
    public var all = false

    public init() {}

    public func validate() throws {
        guard pageSize >= 0 else { throw ValidationError("--page-size cannot be negative") }
    }

    /// Fetches the first page (or every page with `--all`), each through `fetch(token)`, which
    /// returns the page's items and its next-page token. When more pages are left, says on
    /// standard error how to get them.
    public func collect<Item>(
        printer: Printer, _ fetch: (String) async throws -> (items: [Item], next: String)
    ) async throws -> [Item] {
        var items: [Item] = []
        var token = pageToken ?? ""
        repeat {
            let page = try await fetch(token)
            items += page.items
            token = page.next
        } while all && !token.isEmpty
        if !token.isEmpty {
            // After the list, not before it: the caller prints the items next.
            printer.noteAfterNextOutput("(more: add --page-token \(token) for the next page, or --all for every page)")
        }
        return items
    }
}

/// `--request-id` for creating commands (see ``RequestID``).
public struct RequestIDOption: ParsableArguments, Sendable {
    @Option(
        name: .customLong("request-id"),
        help: ArgumentHelp(
            "Idempotency key: a retry with the same id never creates twice (default: a new random id).",
            valueName: "id"))
    public var requestID: String?

    public init() {}

    /// The id to send for this invocation.
    public var resolved: String { RequestID.resolve(requestID) }
}
