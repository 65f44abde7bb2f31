public import Messages
public import SharedDomain

/// Any message as an indented key/value block for people, walked from the descriptors:
///
///     id                case-12
///     docket number     (2024)苏03行初12号
///     kind              litigation (行政诉讼)
///     filed on          2024-03-05
///     events
///       [1] concluded
///             outcome       revoked (撤销)
///
/// Rates read "7/156 (4.49%)", dates and times in the city's zone, enums by name with the Chinese
/// term. Empty text, unset messages and empty lists are left out: a block shows what is there.
/// Scripts should use `--json`, which shows every field.
public struct KeyValueBlock {
    public var zone: CityTimeZone
    public var schema: ProtoSchema

    public init(zone: CityTimeZone = .shanghai, schema: ProtoSchema = .shared) {
        self.zone = zone
        self.schema = schema
    }

    public func render<M: ProtoMessage>(_ message: M) -> String {
        guard let dynamic = DynamicMessage(message, schema: schema) else { return "" }
        return render(dynamic)
    }

    public func render(_ message: DynamicMessage) -> String {
        var lines: [(indent: Int, key: String, value: String)] = []
        collect(message, indent: 0, into: &lines)
        // Keys line up across all siblings of one parent: a nested block between two of them
        // (a referral's `source` between its id and its region) does not start a new column.
        let parents = Self.parents(of: lines)
        // Siblings: the same parent (-1 for the top level) and the same indent.
        let group = { (index: Int) in SIMD2(parents[index], lines[index].indent) }
        var widths: [SIMD2<Int>: Int] = [:]
        for (index, line) in lines.enumerated() where !line.value.isEmpty {
            widths[group(index)] = max(widths[group(index)] ?? 0, TextWidth.of(line.key))
        }
        var output: [String] = []
        for (index, line) in lines.enumerated() {
            let margin = String(repeating: " ", count: line.indent)
            guard !line.value.isEmpty else {
                output.append(margin + line.key)
                continue
            }
            let width = widths[group(index)] ?? 0
            output.append(
                margin + TextWidth.pad(line.key, to: width) + "  "
                    + line.value.replacingAll("\n", with: "\n" + String(repeating: " ", count: line.indent + width + 2))
            )
        }
        return output.joined(separator: "\n")
    }

    /// For each line, the nearest line before it with a smaller indent (its parent), or -1: lines
    /// with the same parent and indent are siblings. One pass with a stack, so a long list is not
    /// scanned again for every line of it.
    private static func parents(of lines: [(indent: Int, key: String, value: String)]) -> [Int] {
        var open: [Int] = []  // lines whose children may still follow, indents increasing
        var parents: [Int] = []
        parents.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            while let last = open.last, lines[last].indent >= line.indent { open.removeLast() }
            parents.append(open.last ?? -1)
            open.append(index)
        }
        return parents
    }

    private func collect(
        _ message: DynamicMessage, indent: Int, into lines: inout [(indent: Int, key: String, value: String)]
    ) {
        for field in message.type.fields {
            guard let value = message.valueOrDefault(field) else { continue }
            let key = field.name.replacingAll("_", with: " ")
            switch value {
            case .list(let items):
                if items.isEmpty { continue }
                if field.kind == .message, !isInline(field.typeName) {
                    lines.append((indent, key, ""))
                    for (position, item) in items.enumerated() {
                        guard case .message(let element) = item else { continue }
                        let heading = "[\(position + 1)]" + summaryTag(element)
                        lines.append((indent + 2, heading, ""))
                        collect(element, indent: indent + 6, into: &lines)
                    }
                } else {
                    lines.append((indent, key, items.map { inline($0, field: field) }.joined(separator: ", ")))
                }
            case .message(let nested):
                if isInline(field.typeName) {
                    lines.append((indent, key, inline(value, field: field)))
                } else {
                    lines.append((indent, key, ""))
                    collect(nested, indent: indent + 2, into: &lines)
                }
            case .scalar(let scalar):
                if case .string(let text) = scalar, text.isEmpty { continue }
                if case .bytes(let bytes) = scalar, bytes.isEmpty { continue }
                lines.append((indent, key, inline(value, field: field)))
            }
        }
    }

    /// For a list element that is a oneof holder (a case event), the member set: "[2] concluded".
    private func summaryTag(_ message: DynamicMessage) -> String {
        guard !message.type.oneofNames.isEmpty else { return "" }
        let members = message.type.fields.filter { $0.oneofIndex != nil && message.present[$0.number] != nil }
        return members.isEmpty ? "" : " " + members.map { $0.name.replacingAll("_", with: " ") }.joined(separator: ", ")
    }

    /// Types shown on one line.
    private func isInline(_ typeName: String) -> Bool {
        [
            "shuangjiang.common.v1.Rate", "shuangjiang.common.v1.Date", "shuangjiang.common.v1.Period",
            "shuangjiang.common.v1.Scope", "google.protobuf.Timestamp", "google.protobuf.Duration",
            "google.protobuf.Empty", "shuangjiang.common.v1.FieldViolation",
        ].contains(typeName)
    }

    private func inline(_ value: DynamicMessage.Value, field: ProtoSchema.Field) -> String {
        switch value {
        case .list(let items): return items.map { inline($0, field: field) }.joined(separator: ", ")
        case .message(let message): return inlineMessage(message)
        case .scalar(let scalar):
            switch scalar {
            case .int(let number): return "\(number)"
            case .uint(let number): return "\(number)"
            case .double(let number):
                return number == number.rounded() && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"
            case .bool(let flag): return Show.yesNo(flag)
            case .string(let text): return text
            case .bytes(let bytes): return "\(bytes.count) bytes"
            case .enumeration(let number): return EnumNames.label(number, enumName: field.typeName, schema: schema)
            }
        }
    }

    private func inlineMessage(_ message: DynamicMessage) -> String {
        func int(_ name: String) -> Int64 {
            switch message[name] {
            case .scalar(.int(let value)): value
            case .scalar(.uint(let value)): Int64(truncatingIfNeeded: value)
            case .scalar(.enumeration(let value)): Int64(value)
            default: 0
            }
        }
        func text(_ name: String) -> String {
            if case .scalar(.string(let value)) = message[name] { value } else { "" }
        }
        func date(_ name: String) -> Shuangjiang.Common.V1.Date? {
            guard case .message(let date) = message[name] else { return nil }
            var result = Shuangjiang.Common.V1.Date()
            result.year = Int32(truncatingIfNeeded: Self.int(date, "year"))
            result.month = Int32(truncatingIfNeeded: Self.int(date, "month"))
            result.day = Int32(truncatingIfNeeded: Self.int(date, "day"))
            return result
        }
        switch message.type.fullName {
        case "shuangjiang.common.v1.Rate":
            let formula = text("formula")
            return Show.rate(int("numerator"), int("denominator")) + (formula.isEmpty ? "" : "  \(formula)")
        case "shuangjiang.common.v1.Date":
            var result = Shuangjiang.Common.V1.Date()
            result.year = Int32(truncatingIfNeeded: int("year"))
            result.month = Int32(truncatingIfNeeded: int("month"))
            result.day = Int32(truncatingIfNeeded: int("day"))
            return Show.date(result)
        case "shuangjiang.common.v1.Period":
            var period = Shuangjiang.Common.V1.Period()
            period.kind = .init(rawValue: Int32(truncatingIfNeeded: int("kind")))
            period.year = Int32(truncatingIfNeeded: int("year"))
            period.index = Int32(truncatingIfNeeded: int("index"))
            period.firstDay = date("first_day")
            period.lastDay = date("last_day")
            let name = Show.period(period)
            let days = "\(Show.date(period.firstDay))..\(Show.date(period.lastDay))"
            return period.kind == .range || period.firstDay == nil ? name : "\(name) (\(days))"
        case "shuangjiang.common.v1.Scope":
            if message["city"] != nil { return "city" }
            if !text("region_id").isEmpty { return "region:\(text("region_id"))" }
            if !text("agency_id").isEmpty { return "agency:\(text("agency_id"))" }
            return "—"
        case "google.protobuf.Timestamp":
            return CivilTime.local(seconds: int("seconds"), in: zone)
        case "google.protobuf.Duration":
            return CivilTime.humanDuration(seconds: int("seconds"))
        case "shuangjiang.common.v1.FieldViolation":
            return "\(text("field")): \(text("rule"))"
        case "google.protobuf.Empty":
            return "yes"
        default:
            return render(message)
        }
    }

    private static func int(_ message: DynamicMessage, _ name: String) -> Int64 {
        switch message[name] {
        case .scalar(.int(let value)): value
        case .scalar(.uint(let value)): Int64(truncatingIfNeeded: value)
        default: 0
        }
    }
}
