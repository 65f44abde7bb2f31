internal import CProtos

/// The serialized `google.protobuf.FileDescriptorSet` of every file in proto/ and its imports,
/// as `protoc --descriptor_set_out --include_imports` writes it. Server reflection serves it.
public enum DescriptorSet {
    public static let bytes: [UInt8] = {
        var length = 0
        let data = sj_file_descriptor_set(&length)!
        return Array(UnsafeBufferPointer(start: data, count: length))
    }()
}
