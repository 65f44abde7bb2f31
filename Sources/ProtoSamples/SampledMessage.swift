public import Messages

/// A message that can produce fully populated, deterministic sample values: every field set to a
/// non-default value derived from its field number, nested messages to `depth` 2, and one variant
/// per member of its largest oneof. Tests/python/proto_samples.py builds the same values from
/// Python's descriptors, so each side can check the other's encoding.
public protocol SampledMessage: ProtoMessage {
    /// How many distinct samples exist (the size of the largest oneof, at least 1).
    static var sampleVariants: Int { get }
    static func sample(_ variant: Int, depth: Int) -> Self
}
