internal import CUV

#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 address and port, parsed from numeric text ("127.0.0.1", "::1"); "localhost"
/// means 127.0.0.1. Names are resolved separately (`resolve`, SocketAddress+Resolve.swift), by a
/// channel at each connect; a server binds numbers only.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    var storage: sockaddr_storage

    public init(host: String, port: Int) throws(SystemError) {
        let numeric = host == "localhost" ? "127.0.0.1" : host
        var storage = sockaddr_storage()
        let status = withUnsafeMutablePointer(to: &storage) { pointer -> Int32 in
            if numeric.contains(":") {
                let bare = numeric.hasPrefix("[") ? String(numeric.dropFirst().dropLast()) : numeric
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    uv_ip6_addr(bare, Int32(port), $0)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                uv_ip4_addr(numeric, Int32(port), $0)
            }
        }
        try check(status, "parse address \(host)")
        self.host = numeric
        self.port = port
        self.storage = storage
    }

    init(storage: sockaddr_storage) {
        self.storage = storage
        var name = [CChar](repeating: 0, count: 64)
        var storage = storage
        if Int32(storage.ss_family) == AF_INET6 {
            let address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
            }
            var copy = address
            uv_ip6_name(&copy, &name, name.count)
            port = Int(UInt16(bigEndian: address.sin6_port))
        } else {
            let address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
            }
            var copy = address
            uv_ip4_name(&copy, &name, name.count)
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        host = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    public var isIPv6: Bool { Int32(storage.ss_family) == AF_INET6 }

    /// gRPC's peer notation: "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000".
    public var description: String {
        isIPv6 ? "ipv6:[\(host)]:\(port)" : "ipv4:\(host):\(port)"
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        var storage = storage
        return withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    public static func == (a: SocketAddress, b: SocketAddress) -> Bool {
        a.host == b.host && a.port == b.port
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(host)
        hasher.combine(port)
    }
}
