/// The rich error model: a serialized `google.rpc.Status` in the `grpc-status-details-bin`
/// trailer, here carrying a `google.rpc.BadRequest` so clients can show which fields were wrong.
///
/// ```
/// google.rpc.Status     { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }
/// google.protobuf.Any   { string type_url = 1; bytes value = 2; }
/// google.rpc.BadRequest { repeated FieldViolation field_violations = 1; }
/// FieldViolation        { string field = 1; string description = 2; }
/// ```
public enum StatusDetails {
    /// The trailer that carries the encoded status.
    public static let metadataKey = "grpc-status-details-bin"

    public static let badRequestTypeURL = "type.googleapis.com/google.rpc.BadRequest"

    /// A `google.rpc.Status` whose code and message repeat `grpc-status` and `grpc-message`, as the
    /// model requires, with one BadRequest detail unless `badRequest` is empty.
    public static func encode(code: StatusCode, message: String, badRequest: [FieldViolation]) -> [UInt8] {
        var status = ProtobufWriter()
        status.writeInt32(field: 1, code.rawValue)
        status.writeString(field: 2, message)
        if !badRequest.isEmpty {
            var request = ProtobufWriter()
            for violation in badRequest {
                var entry = ProtobufWriter()
                entry.writeString(field: 1, violation.field)
                entry.writeString(field: 2, violation.description)
                request.writeBytes(field: 1, entry.bytes)
            }
            var any = ProtobufWriter()
            any.writeString(field: 1, badRequestTypeURL)
            any.writeBytes(field: 2, request.bytes)
            status.writeBytes(field: 3, any.bytes)
        }
        return status.bytes
    }

    /// The violations of the first BadRequest detail; `nil` if the bytes are not a
    /// `google.rpc.Status` or hold no BadRequest.
    public static func decodeBadRequest(_ statusBytes: [UInt8]) -> [FieldViolation]? {
        var status = WireReader(statusBytes)
        var found: [FieldViolation]?
        while let (number, value) = status.next() {
            guard number == 3, let anyBytes = value.slice, found == nil else { continue }
            var any = WireReader(anyBytes)
            var typeURL: ArraySlice<UInt8> = []
            var payload: ArraySlice<UInt8> = []
            while let (number, value) = any.next() {
                guard let bytes = value.slice else { continue }
                if number == 1 { typeURL = bytes }
                if number == 2 { payload = bytes }
            }
            guard !any.isMalformed, typeURL.elementsEqual(badRequestTypeURL.utf8) else { continue }
            guard let violations = decodeViolations(payload) else { return nil }
            found = violations
        }
        return status.isMalformed ? nil : found
    }

    private static func decodeViolations(_ bytes: ArraySlice<UInt8>) -> [FieldViolation]? {
        var request = WireReader(bytes)
        var violations: [FieldViolation] = []
        while let (number, value) = request.next() {
            guard number == 1, let entryBytes = value.slice else { continue }
            var entry = WireReader(entryBytes)
            var violation = FieldViolation(field: "", description: "")
            while let (number, value) = entry.next() {
                guard let text = value.text else { continue }
                if number == 1 { violation.field = text }
                if number == 2 { violation.description = text }
            }
            guard !entry.isMalformed else { return nil }
            violations.append(violation)
        }
        return request.isMalformed ? nil : violations
    }
}
