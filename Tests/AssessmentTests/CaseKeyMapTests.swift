import Testing

@testable import Assessment

/// CaseKeyMap against a Dictionary doing the same, and walked in key order.
@Suite struct CaseKeyMapTests {
    /// Keys from every part of the map: dense ones across several pages (including each page's
    /// first and last slot), negative ones and ones past the dense range, which live beside it.
    static let keys: [Int64] =
        Array(0...300) + [127, 128, 255, 256, 1 << 20, (1 << 26) - 1, 1 << 26, 1 << 40, .max, -1, -129, .min]

    @Test func agreesWithADictionaryThroughSetsAndRemovals() {
        var map = CaseKeyMap<Int>()
        var reference: [Int64: Int] = [:]
        for step in 0..<20_000 {
            // A fixed scramble of the keys, and a removal every third step or so.
            let key = Self.keys[(step &* 7_919 &+ step / 5) % Self.keys.count]
            if (step &* 31 + step / 7) % 3 == 0 {
                #expect(map.removeValue(forKey: key) == reference.removeValue(forKey: key))
            } else {
                #expect(map.updateValue(step, forKey: key) == reference.updateValue(step, forKey: key))
            }
            #expect(map[key] == reference[key])
            #expect(map.count == reference.count)
        }
        #expect(Array(map.map(\.key)) == reference.keys.sorted())
        #expect(map.map(\.value) == reference.sorted { $0.key < $1.key }.map(\.value))
        for key in Self.keys { #expect(map[key] == reference[key]) }
    }

    @Test func walksInKeyOrderWhateverTheOrderOfSetting() {
        var map = CaseKeyMap<String>()
        for key in Self.keys.reversed() { map[key] = "\(key)" }
        let walked = map.map(\.key)
        #expect(walked == Set(Self.keys).sorted())
        #expect(map.allSatisfy { $0.value == "\($0.key)" })
        #expect(map.count == Set(Self.keys).count)
    }

    @Test func removingEveryKeyLeavesItEmptyAndReusable() {
        var map: CaseKeyMap<Int> = [1: 1, 2: 2, 300: 3, -5: 4, 1 << 30: 5]
        map.removeAll { key, _ in key != 300 }
        #expect(map.map(\.key) == [300])
        map[300] = nil
        #expect(map.isEmpty)
        #expect(map.first { _ in true } == nil)
        // A freed page is allocated again when a key in it is set.
        map[301] = 7
        #expect(map[301] == 7)
        #expect(map[300] == nil)
        #expect(map.map(\.key) == [301])
    }

    @Test func removingAnAbsentKeyChangesNothing() {
        var map: CaseKeyMap<Int> = [5: 5]
        #expect(map.removeValue(forKey: 6) == nil)
        #expect(map.removeValue(forKey: 100_000) == nil)
        #expect(map.removeValue(forKey: -3) == nil)
        #expect(map.count == 1)
        #expect(map[5] == 5)
    }

    @Test func isAValue() {
        var first: CaseKeyMap<Int> = [1: 1, 200: 2]
        let second = first
        first[1] = 10
        first[3] = 3
        #expect(second[1] == 1)
        #expect(second[3] == nil)
        #expect(second.count == 2)
        #expect(first.count == 3)
    }
}
