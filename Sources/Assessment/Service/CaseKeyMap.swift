/// Values by case key, kept in key order: the rows a follower's write works on (``LiveCaseRisk``,
/// the `cases` rows of ``IntakeProjection/Batch``).
///
/// Intake numbers its cases 1, 2, 3, …, so the keys a write sees are dense, and a Dictionary
/// paid for what they do not need: hashing every lookup into a table of tens of thousands of
/// rows (a cache miss each, about a fifth of a replay), and a sort of the keys whenever the rows
/// were wanted in order (the monthly review's open cases, each write's flush). Here a key indexes
/// a page of 128 consecutive keys directly, and walking the pages is key order. A page is
/// allocated when its first key is set and freed when its last goes, so the memory follows the
/// live rows (the open cases and a window of recent conclusions, which are mostly consecutive
/// keys). A key outside the dense range (below 0, or from 2^26 on: far beyond any city's cases)
/// is kept in a Dictionary beside the pages, so any key works.
struct CaseKeyMap<Value> {
    private static var pageShift: Int64 { 7 }
    private static var pageSize: Int { 1 << Int(pageShift) }
    /// Keys in 0..<denseLimit live in pages; that bounds the page index array at 4 MiB.
    private static var denseLimit: Int64 { 1 << 26 }

    fileprivate struct Page {
        /// Empty when the page holds nothing; else `pageSize` slots.
        var slots: [Value?] = []
        var count = 0
    }

    private var pages: [Page] = []
    private var overflow: [Int64: Value] = [:]
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    private static func dense(_ key: Int64) -> (page: Int, slot: Int)? {
        guard key >= 0, key < denseLimit else { return nil }
        return (Int(key >> pageShift), Int(key & Int64(pageSize - 1)))
    }

    subscript(key: Int64) -> Value? {
        get {
            guard let (page, slot) = Self.dense(key) else { return overflow[key] }
            guard page < pages.count, !pages[page].slots.isEmpty else { return nil }
            return pages[page].slots[slot]
        }
        set { updateValue(newValue, forKey: key) }
    }

    /// Sets (or with nil removes) the value for `key`, returning the one it replaced.
    @discardableResult
    mutating func updateValue(_ value: Value?, forKey key: Int64) -> Value? {
        guard let (page, slot) = Self.dense(key) else {
            let old = value.map { overflow.updateValue($0, forKey: key) } ?? overflow.removeValue(forKey: key)
            count += (value == nil ? 0 : 1) - (old == nil ? 0 : 1)
            return old
        }
        if page >= pages.count {
            guard value != nil else { return nil }
            pages.append(contentsOf: repeatElement(Page(), count: page + 1 - pages.count))
        }
        if pages[page].slots.isEmpty {
            guard value != nil else { return nil }
            pages[page].slots = Array(repeating: nil, count: Self.pageSize)
        }
        let old = pages[page].slots[slot]
        pages[page].slots[slot] = value
        let change = (value == nil ? 0 : 1) - (old == nil ? 0 : 1)
        pages[page].count += change
        count += change
        // The last key gone frees its page.
        if pages[page].count == 0 { pages[page].slots = [] }
        return old
    }

    @discardableResult
    mutating func removeValue(forKey key: Int64) -> Value? { updateValue(nil, forKey: key) }

    /// Removes every entry `shouldRemove` picks, in place.
    mutating func removeAll(where shouldRemove: (Int64, Value) throws -> Bool) rethrows {
        for key in try compactMap({ try shouldRemove($0.key, $0.value) ? $0.key : nil }) { removeValue(forKey: key) }
    }
}

extension CaseKeyMap: Sequence {
    /// The entries in key order.
    struct Iterator: IteratorProtocol {
        private let map: CaseKeyMap
        private let below: [Int64]
        private let above: [Int64]
        private var position = 0
        /// The page being walked (its slots held here, not fetched for every slot), and the next slot.
        private var page = -1
        private var slots: [Value?] = []
        private var slot = 0

        fileprivate init(_ map: CaseKeyMap) {
            self.map = map
            let overflow = map.overflow.keys.sorted()
            below = overflow.filter { $0 < 0 }
            above = overflow.filter { $0 >= 0 }
        }

        mutating func next() -> (key: Int64, value: Value)? {
            if position < below.count {
                defer { position += 1 }
                return (below[position], map.overflow[below[position]]!)
            }
            while true {
                while slot < slots.count {
                    defer { slot += 1 }
                    if let value = slots[slot] { return (Int64(page) << CaseKeyMap.pageShift | Int64(slot), value) }
                }
                guard page + 1 < map.pages.count else { break }
                page += 1
                slots = map.pages[page].slots
                slot = 0
            }
            slots = []
            let index = position - below.count
            guard index < above.count else { return nil }
            position += 1
            return (above[index], map.overflow[above[index]]!)
        }
    }

    func makeIterator() -> Iterator { Iterator(self) }

    var underestimatedCount: Int { count }
}

extension CaseKeyMap: Sendable where Value: Sendable {}
extension CaseKeyMap.Page: Sendable where Value: Sendable {}

extension CaseKeyMap: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (Int64, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
