extension TextRenderer {
    /// The casebook: a summary line, then each agency, each category, each case with its steps.
    public func render(_ casebook: Casebook) -> String {
        var out = ["\(casebook.cityName)\(Labels.period(casebook.period))行政复议诉讼案例汇编（以案说法）"]
        let counts = CasebookEntry.Reason.allCases.map { "\(Labels.reason($0)) \(casebook.count($0)) 件" }
        out.append("报告期 \(casebook.period) · 审结于本期的一审案件：" + counts.joined(separator: "，"))
        if casebook.agencies.isEmpty {
            out += ["", "本期无败诉、纠错或改变行政行为后撤诉的案件。"]
        }
        var number = 0
        for agency in casebook.agencies {
            out.append("")
            out.append(
                "【\(agency.agencyName)】" + (agency.regionName.isEmpty ? "" : "（\(agency.regionName)）")
                    + " \(agency.caseCount) 件")
            for category in agency.categories {
                out.append("  ▸ \(category.category)（\(category.entries.count) 件）")
                for entry in category.entries {
                    number += 1
                    var head = "    \(number). \(entry.docketNumber)　\(entry.kind)　\(Labels.reason(entry.reason))"
                    head += "　结果：\(entry.effectiveOutcome)"
                    if entry.effectiveOutcome != entry.firstInstanceOutcome {
                        head += "（一审：\(entry.firstInstanceOutcome)）"
                    }
                    if entry.provisional { head += "（上诉审理中，尚未生效）" }
                    out.append(head)
                    if !entry.categoryDetail.isEmpty { out.append("       案由细目：\(entry.categoryDetail)") }
                    for step in entry.steps {
                        out.append("       \(step.on.map { "\($0)" } ?? "日期不详")  \(step.text)")
                    }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
