import GRPCCore
import Testing

@Suite struct MessageFramerTests {
    @Test func aFrameIsFlagThenBigEndianLengthThenPayload() {
        var buffer: [UInt8] = []
        MessageFramer.frame([1, 2, 3], compressed: false, into: &buffer)
        MessageFramer.frame([], compressed: true, into: &buffer)
        #expect(buffer == [0, 0, 0, 0, 3, 1, 2, 3, 1, 0, 0, 0, 0])
    }

    @Test func largeLengthsAreBigEndian() {
        var buffer: [UInt8] = []
        MessageFramer.frame([UInt8](repeating: 7, count: 0x01_02_03), compressed: false, into: &buffer)
        #expect(buffer.prefix(5) == [0, 0, 0x01, 0x02, 0x03])
        #expect(buffer.count == 5 + 0x01_02_03)
    }

    @Test func beginAndEndFramePatchTheLengthAfterThePayloadIsWritten() {
        var buffer: [UInt8] = [9, 9]
        let start = MessageFramer.beginFrame(into: &buffer)
        #expect(start == 2)
        buffer.append(contentsOf: [10, 20, 30, 40])
        MessageFramer.endFrame(at: start, compressed: true, in: &buffer)
        #expect(buffer == [9, 9, 1, 0, 0, 0, 4, 10, 20, 30, 40])
    }
}
