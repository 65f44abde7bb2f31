internal import CUV

extension EventLoop {
    /// The TCP and UDP handles (listeners, connections) open on this loop: how tests check that
    /// a server or channel reached its peer without a socket. Loop thread only.
    public var openSocketCount: Int {
        assertInEventLoop()
        var count = 0
        withUnsafeMutablePointer(to: &count) { pointer in
            uv_walk(
                loop,
                { handle, arg in
                    let type = uv_handle_get_type(handle)
                    if type == UV_TCP || type == UV_UDP { arg!.assumingMemoryBound(to: Int.self).pointee += 1 }
                }, pointer)
        }
        return count
    }
}
