extension TextRenderer {
    /// The inspection list, with the rule that drew it up printed first.
    public func render(_ list: InspectionList) -> String {
        var out = ["\(list.cityName)\(Labels.period(list.quarter))行政执法专项监督检查名单（案发率高、纠错率高的行政机关）"]
        out.append("规则：\(list.rule.statement)")
        var facts = ["参与比较的机关 \(list.agenciesConsidered) 个"]
        facts.append("案发率前 \(list.rule.volumePlaces(among: list.agenciesConsidered)) 位")
        if let cutoff = list.volumeCutoff { facts.append("入围最少 \(cutoff) 件") }
        facts.append("全市（一审败诉＋复议纠错）÷审结 \(list.cityRate.text)")
        out.append(facts.joined(separator: "，") + "。")
        out.append("")
        guard !list.entries.isEmpty else {
            out.append("本季度无机关达到上述标准。")
            return out.joined(separator: "\n") + "\n"
        }
        var table = TextTable(
            ["机关", "所属区县", "新收案件", "其中诉讼", "其中复议", "败诉+纠错÷审结", "一审败诉率", "复议纠错率", "列入原因"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left])
        for entry in list.entries {
            let candidate = entry.candidate
            let reasons = entry.reasons.map { reason -> String in
                switch reason {
                case .highIncidence(let place): "案发率高（第 \(place) 位）"
                case .highCorrection: "纠错率高"
                }
            }
            table.add([
                candidate.agencyName, candidate.regionName, "\(candidate.filed)", "\(candidate.litigationFiled)",
                "\(candidate.reconsiderationFiled)", candidate.combinedRate.text, candidate.lossRate.text,
                candidate.correctionRate.text, reasons.joined(separator: "，"),
            ])
        }
        out.append(table.render())
        return out.joined(separator: "\n") + "\n"
    }
}
