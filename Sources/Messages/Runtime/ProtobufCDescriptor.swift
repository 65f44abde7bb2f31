internal import CProtos

/// The protobuf-c descriptor of a generated message type, opaque outside this module.
public struct ProtobufCDescriptor: @unchecked Sendable {  // points at immutable static C data
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>

    init(_ pointer: UnsafePointer<ProtobufCMessageDescriptor>!) {
        self.pointer = pointer
    }
}
