/// Reads every page of a paged list (common.v1 paging): `fetch` gets a page token ("" for the
/// first page) and returns the page's items and the next token ("" after the last page).
func allPages<Item: Sendable>(
    _ fetch: (String) async throws -> (items: [Item], next: String)
) async throws -> [Item] {
    var items: [Item] = []
    var token = ""
    var seen: Set<String> = []
    repeat {
        let page = try await fetch(token)
        items += page.items
        // A token handed out twice would loop for ever; a correct server never does it.
        guard page.next.isEmpty || seen.insert(page.next).inserted else {
            throw ReportError("the server returned the same page token twice; the list cannot be read to its end")
        }
        token = page.next
    } while !token.isEmpty
    return items
}

/// `body` over every item, at most `limit` at a time, results in the items' order: the report
/// asks for one agency's figures per call, and a hundred calls one after another would be slow
/// over a real network.
func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async throws -> Result
) async throws -> [Result] {
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: items.count)
        var next = 0
        for _ in 0..<min(max(limit, 1), items.count) {
            let index = next
            group.addTask { (index, try await body(items[index])) }
            next += 1
        }
        while let (index, result) = try await group.next() {
            results[index] = result
            if next < items.count {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}
