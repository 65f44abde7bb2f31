/// HTTP list-valued fields (RFC 9110 §5.6.1): members separated by commas, with optional spaces
/// around each, which joiners such as proxies add.
enum HeaderList {
    /// The members of `value`, spaces trimmed, empty ones included. Works on bytes: splitting the
    /// String walks grapheme clusters, which showed in profiles for a header every call carries.
    static func members(of value: String) -> [Substring.UTF8View] {
        value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { member in
            var member = member
            while member.first == UInt8(ascii: " ") { member.removeFirst() }
            while member.last == UInt8(ascii: " ") { member.removeLast() }
            return member
        }
    }
}
