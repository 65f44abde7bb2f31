import Logging
import SharedDomain
import Testing

@testable import ServiceKit

@Suite struct LineLogHandlerTests {
    func logger(_ format: LogFormat, _ capture: LogSink.Capture) -> Logger {
        Logger(label: "intake") { label in
            LineLogHandler(
                label: label, format: format, level: .trace, sink: capture.sink,
                clock: ManualClock(Instant(seconds: 1_718_424_000, nanos: 123_000_000)))
        }
    }

    @Test func jsonLinesCarryTimeLevelLoggerMessageAndMetadata() {
        let capture = LogSink.Capture()
        logger(.json, capture).info("call", metadata: ["method": "FileCase", "request_id": "r-1"])
        #expect(
            capture.lines == [
                #"{"time":"2024-06-15T04:00:00.123Z","level":"info","logger":"intake","message":"call","method":"FileCase","request_id":"r-1"}"#
            ])
    }

    /// A client-chosen value with quotes or newlines cannot end its line or forge a field.
    @Test func jsonEscapesWhatCouldBreakTheLine() {
        let capture = LogSink.Capture()
        logger(.json, capture).notice("x", metadata: ["request_id": "a\"b\n\u{01}"])
        #expect(capture.lines.count == 1)
        #expect(capture.lines[0].contains(#""request_id":"a\"b\n\u0001""#))
    }

    @Test func textIsForATerminal() {
        let capture = LogSink.Capture()
        logger(.text, capture).warning("call failed", metadata: ["status": "NOT_FOUND", "status_message": "no case"])
        #expect(
            capture.lines == [
                #"2024-06-15T04:00:00.123Z WARNING [intake] call failed status=NOT_FOUND status_message="no case""#
            ])
    }

    @Test func timestampsBeforeTheEpochAreStillUTC() {
        #expect(LogTimestamp.format(Instant(seconds: -1, nanos: 500_000_000)) == "1969-12-31T23:59:59.500Z")
    }
}
