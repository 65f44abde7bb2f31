/// A protobuf enum as a Swift enum. Values this version does not know are kept in an
/// `unrecognized(Int32)` case so that they survive decoding and re-encoding unchanged.
public protocol ProtoEnum: Sendable, Hashable {
    init(rawValue: Int32)
    var rawValue: Int32 { get }
    /// Every declared value, in declaration order.
    static var knownCases: [Self] { get }
}
