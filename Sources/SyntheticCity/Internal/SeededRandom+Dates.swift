internal import Messages
internal import SharedDomain

extension SeededRandom {
    /// A working day `days` (a range) after `start`.
    mutating func workingDay(after start: CivilDate, _ days: ClosedRange<Int>) -> CivilDate {
        start.plus(int(in: days)).nextWorkingDay
    }

    /// A day from `start` to `end` (both included; `start` if the range is empty).
    mutating func day(from start: CivilDate, to end: CivilDate) -> CivilDate {
        start.plus(int(in: 0...max(0, end.days(since: start))))
    }

    /// The evaluation a court gives an appearance: good or adequate when the head spoke, often
    /// poor when not, and sometimes none.
    mutating func evaluation(spoke: Bool) -> Shuangjiang.Intake.V1.AppearanceEvaluation {
        spoke
            ? weighted([(.good, 50), (.adequate, 40), (.unspecified, 10)])
            : weighted([(.poor, 60), (.adequate, 20), (.unspecified, 20)])
    }
}
