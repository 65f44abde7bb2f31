/// The synthetic city's fixed names and codes: a Jiangsu-like prefecture city (division code
/// 320300, court code 苏03) with an invented name, so no real city's agencies are given invented
/// lawsuits.
enum SyntheticCityNames {
    static let city = "淮州市"
    static let cityShort = "淮"
    static let divisionCode = "320300"
    static let province = "江苏省"
    static let provinceShort = "苏"
}
