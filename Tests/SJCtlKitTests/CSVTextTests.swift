import SJCtlKit
import Testing

@Suite struct CSVTextTests {
    @Test func plainUTF8IsReadAsItIs() throws {
        let decoded = try CSVText.decode(Array("案号,被告\n".utf8))
        #expect(decoded.text == "案号,被告\n")
        #expect(decoded.encoding == .utf8)
    }

    @Test func aByteOrderMarkIsDropped() throws {
        let decoded = try CSVText.decode([0xEF, 0xBB, 0xBF] + Array("案号\n".utf8))
        #expect(decoded.text == "案号\n")
        #expect(decoded.encoding == .utf8WithBOM)
    }

    @Test func gb18030FromAChineseExcelExportIsRecognisedAndConverted() throws {
        // "鼓楼区,案号\n" in GB18030 (Python: '鼓楼区,案号'.encode('gb18030')).
        let bytes: [UInt8] = [0xB9, 0xC4, 0xC2, 0xA5, 0xC7, 0xF8, 0x2C, 0xB0, 0xB8, 0xBA, 0xC5, 0x0A]
        #expect(CSVText.firstInvalidUTF8(bytes) == 0)
        #expect(CSVText.looksLikeGB18030(bytes))
        let decoded = try CSVText.decode(bytes)
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == "鼓楼区,案号\n")
    }

    @Test func gb18030FourByteSequencesAreRecognised() throws {
        // U+20000 (𠀀) is 0x95 0x32 0x82 0x36 in GB18030.
        let bytes: [UInt8] = [0x61, 0x95, 0x32, 0x82, 0x36]
        #expect(CSVText.looksLikeGB18030(bytes))
        #expect(try CSVText.decode(bytes).text == "a\u{20000}")
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030AreRefusedWithTheirOffsetAndLine() {
        let bytes = Array("docket_number\nok\n".utf8) + [0x61, 0xFF, 0x62]
        #expect(throws: CSVText.Failure.invalidUTF8(offset: 18, line: 3)) { try CSVText.decode(bytes) }
    }

    @Test func utf16IsRefusedWithHowToConvert() {
        do {
            _ = try CSVText.decode([0xFF, 0xFE, 0x61, 0x00])
            Issue.record("read UTF-16 as text")
        } catch {
            #expect(error == .utf16)
            #expect(error.description.contains("iconv -f UTF-16 -t UTF-8"))
        }
    }

    @Test func overlongFormsSurrogatesAndTruncatedSequencesAreNotUTF8() {
        #expect(CSVText.firstInvalidUTF8([0x41, 0xC0, 0x80]) == 1)  // overlong NUL
        #expect(CSVText.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)  // a surrogate
        #expect(CSVText.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)  // past U+10FFFF
        #expect(CSVText.firstInvalidUTF8([0x41, 0xE6, 0xA1]) == 1)  // cut short
        #expect(CSVText.firstInvalidUTF8(Array("案 𠀀 é".utf8)) == nil)
    }
}
