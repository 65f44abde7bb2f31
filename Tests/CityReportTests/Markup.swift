/// Just enough reading of our own markup for the tests: the attributes of the first start tag
/// holding a marker, and every start tag of a name with a given class.
enum Markup {
    /// The attributes of the start tag that contains `marker` (e.g. `id="chart-loss-rate"`).
    static func attributes(ofTagContaining marker: String, in html: String) -> [String: String]? {
        guard let hit = html.firstRange(of: marker) else { return nil }
        guard let open = html[..<hit.lowerBound].lastIndex(of: "<"),
            let close = html[hit.upperBound...].firstIndex(of: ">")
        else { return nil }
        return parse(String(html[open...close]))
    }

    /// Every start tag `<name ... class="className" ...>`, as attributes, in document order.
    static func tags(_ name: String, class className: String, in html: String) -> [[String: String]] {
        var found: [[String: String]] = []
        var rest = html[...]
        while let open = rest.firstRange(of: "<\(name) ") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let attributes = parse(String(rest[open.lowerBound...close]))
            if attributes["class"]?.split(separator: " ").contains(Substring(className)) == true {
                found.append(attributes)
            }
            rest = rest[close...]
        }
        return found
    }

    static func parse(_ tag: String) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = tag[...]
        while let equals = rest.firstRange(of: "=\"") {
            let nameStart =
                rest[..<equals.lowerBound].lastIndex(of: " ").map { rest.index(after: $0) } ?? rest.startIndex
            let name = String(rest[nameStart..<equals.lowerBound])
            guard let end = rest[equals.upperBound...].firstIndex(of: "\"") else { break }
            attributes[name] = String(rest[equals.upperBound..<end])
            rest = rest[rest.index(after: end)...]
        }
        return attributes
    }

    static func double(_ attributes: [String: String]?, _ name: String) -> Double? {
        attributes?[name].flatMap(Double.init)
    }
}
