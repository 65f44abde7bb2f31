import Synchronization

/// Lets a test see whether an object was freed without keeping it alive. Only read under the
/// lock that guards the array holding it.
final class WeakReference: @unchecked Sendable {
    weak var object: AnyObject?
    init(_ object: AnyObject?) { self.object = object }
}
