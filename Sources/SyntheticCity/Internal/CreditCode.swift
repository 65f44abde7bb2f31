/// Unified social credit codes (统一社会信用代码, GB 32100-2015) for the synthetic agencies:
/// "11" (a government organ), the division code, a nine-character organisation code and the
/// standard's check character, so they look like, and check as, real ones.
enum CreditCode {
    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Unique per `serial` within a division code: the serial is spelled in the first three
    /// characters of the organisation code.
    static func make(divisionCode: String, serial: Int, rng: inout SeededRandom) -> String {
        var body = Array("11" + divisionCode)
        body.append(alphabet[(serial / (31 * 31)) % 31])
        body.append(alphabet[(serial / 31) % 31])
        body.append(alphabet[serial % 31])
        for _ in 0..<6 { body.append(alphabet[rng.below(alphabet.count)]) }
        body.append(check(body))
        return String(body)
    }

    static func check(_ first17: [Character]) -> Character {
        var sum = 0
        for (position, character) in first17.enumerated() {
            sum += (alphabet.firstIndex(of: character) ?? 0) * weights[position]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
