internal import CUV

#if canImport(Glibc)
    import Glibc
#endif

extension SocketAddress {
    /// Resolves a host name ("shuangjiang-intake", "intake.city.svc") to its addresses, IPv4 and
    /// IPv6 in the resolver's order, on libuv's thread pool so the loop never blocks on DNS.
    /// `completion` runs on the loop thread. Loop thread only.
    ///
    /// Names are resolved at every connect, not once: in Kubernetes or compose, a restarted peer
    /// comes back with a new address under the same name.
    public static func resolve(
        _ host: String, port: Int, loop: EventLoop,
        completion: @escaping (Result<[SocketAddress], SystemError>) -> Void
    ) {
        loop.assertInEventLoop()
        let request = UnsafeMutablePointer<uv_getaddrinfo_t>.allocate(capacity: 1)
        let context = ResolveContext(host: host, completion: completion)
        request.pointee.data = Unmanaged.passRetained(context).toOpaque()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        let status = uv_getaddrinfo(
            loop.loop, request,
            { request, status, result in
                let context = Unmanaged<ResolveContext>.fromOpaque(request!.pointee.data).takeRetainedValue()
                request!.deallocate()
                defer { if let result { uv_freeaddrinfo(result) } }
                guard status == 0 else {
                    context.completion(.failure(SystemError(status, "resolve \(context.host)")))
                    return
                }
                var addresses: [SocketAddress] = []
                var entry = result
                while let current = entry {
                    if let address = current.pointee.ai_addr,
                        current.pointee.ai_addrlen <= MemoryLayout<sockaddr_storage>.size
                    {
                        var storage = sockaddr_storage()
                        withUnsafeMutableBytes(of: &storage) { target in
                            target.copyMemory(
                                from: UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen)))
                        }
                        addresses.append(SocketAddress(storage: storage))
                    }
                    entry = current.pointee.ai_next
                }
                if addresses.isEmpty {
                    context.completion(.failure(SystemError(UV_EAI_NONAME.rawValue, "resolve \(context.host)")))
                } else {
                    context.completion(.success(addresses))
                }
            }, host, String(port), &hints)
        if status < 0 {
            Unmanaged<ResolveContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            completion(.failure(SystemError(status, "resolve \(host)")))
        }
    }

    /// Whether `host` could be a DNS name: letters, digits, '-' and '.', with at least one
    /// letter, so that a mistyped numeric address ("127.0.0") is refused, not looked up.
    public static func isHostName(_ host: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let bytes = host.utf8
        return !bytes.isEmpty && bytes.count <= 253 && bytes.contains(where: isLetter)
            && bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private final class ResolveContext {
        let host: String
        let completion: (Result<[SocketAddress], SystemError>) -> Void
        init(host: String, completion: @escaping (Result<[SocketAddress], SystemError>) -> Void) {
            self.host = host
            self.completion = completion
        }
    }
}
