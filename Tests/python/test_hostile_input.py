"""Hostile input against a live `interop-server` (issue 3, item 8).

Each test attacks a fresh server over 127.0.0.1 and checks three things:

  (a) the attacker gets the protocol's answer (GOAWAY with an error code, RST_STREAM, an HTTP/1.1
      505, a connection close, or a gRPC status such as RESOURCE_EXHAUSTED);
  (b) a well-behaved grpcio client, calling in a thread throughout, keeps getting correct answers;
  (c) afterwards the server's open file descriptors are back to the warmed-up baseline and its RSS
      is within RSS_SLACK of it (/proc/PID/status VmRSS, /proc/PID/fd).

Every attack runs once to warm the server up (allocator arenas, lazily built tables), then the
baseline is taken, then the attack repeats until the good client has completed several calls
while it was going on. A wrong protocol answer is collected rather than raised at once, so the
health and resource checks still run; it is raised last as `WrongAnswer`, which is what an
`xfail(raises=WrongAnswer)` marks as a known server bug (a crash, hang or leak still fails).

Frames are crafted with hyper-h2 (`h2`, plus its `hyperframe` and `hpack`); the attacks that are
not HTTP/2 at all use raw sockets. Set SJ_BIN_DIR to test executables built elsewhere.
"""

import collections
import contextlib
import os
import random
import select
import signal
import socket
import struct
import subprocess
import threading
import time

import grpc
import h2.config
import h2.connection
import h2.events
import h2.exceptions
import hyperframe.exceptions
import hyperframe.frame
import pytest

from test_interop import ServerProcess, bin_path  # noqa: F401 (bin_path is a fixture)

SERVICE = b"/grpc.testing.TestService/"
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
RSS_SLACK_KB = 8 * 1024
CALL_TIMEOUT = 5  # seconds, for the good client's calls
GOOD_CALLS_DURING_ATTACK = 3
ATTACK_DEADLINE = 15  # seconds an attack phase may take at most

# HTTP/2 error codes (RFC 9113 §7).
NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR = 0x0, 0x1, 0x2, 0x3
FRAME_SIZE_ERROR, REFUSED_STREAM, CANCEL, COMPRESSION_ERROR = 0x6, 0x7, 0x8, 0x9
ENHANCE_YOUR_CALM = 0xB
CONNECTION_ERRORS = {PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, FRAME_SIZE_ERROR, COMPRESSION_ERROR,
                     ENHANCE_YOUR_CALM}
RESOURCE_EXHAUSTED = 8


class WrongAnswer(AssertionError):
    """The server survived, but did not answer the attack the way the protocol says."""


class ServerDied(AssertionError):
    """The server process exited (crashed) during the attack."""


class Verdict:
    """Collects wrong answers during an attack; `raise_if_any` raises them after the other checks."""

    def __init__(self):
        self.problems = []

    def that(self, condition, message):
        if not condition and message not in self.problems:
            self.problems.append(message)
        return condition

    def raise_if_any(self):
        if self.problems:
            raise WrongAnswer("; ".join(self.problems[:5]))


# --- The server and its resources ------------------------------------------------------------

@pytest.fixture
def server(bin_path):  # noqa: F811 (bin_path is the imported fixture)
    """A fresh server per attack; afterwards SIGTERM must stop it with exit 0 (unless the test
    already failed with ServerDied)."""
    s = ServerProcess([bin_path("interop-server"), "--port", "0"])
    s.died = False
    yield s
    if s.died:
        s.kill()
        return
    code = s.stop()
    assert code == 0, f"{s.argv} exited {code} after SIGTERM:\n{s.log()}"


def resources(pid):
    """(VmRSS in KiB, open descriptors) of a live process."""
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def settled_resources(pid, want_fds=None, timeout=5.0):
    """Resources once the descriptor count is stable (or equals `want_fds`): the server notices
    closed connections a loop turn or two after the peer has gone."""
    deadline = time.monotonic() + timeout
    last = resources(pid)
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = resources(pid)
        if want_fds is not None and now[1] == want_fds:
            return now
        if now[1] != last[1]:
            stable_since = time.monotonic()
        elif want_fds is None and time.monotonic() - stable_since >= 0.3:
            return now
        last = now
    return last


class GoodClient:
    """A grpcio client calling UnaryCall back to back in a thread and checking every answer."""

    def __init__(self, server, pb2):
        self.request = pb2("grpc.testing.SimpleRequest")(
            response_size=64, payload=pb2("grpc.testing.Payload")(body=b"\x07" * 64))
        self.channel = grpc.insecure_channel(server.target)
        self.call = self.channel.unary_unary(
            SERVICE.decode() + "UnaryCall", request_serializer=pb2("grpc.testing.SimpleRequest").SerializeToString,
            response_deserializer=pb2("grpc.testing.SimpleResponse").FromString)
        self.ok = 0
        self.failures = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                response = self.call(self.request, timeout=CALL_TIMEOUT)
                if len(response.payload.body) != 64:
                    self.failures.append(f"wrong payload size {len(response.payload.body)}")
                else:
                    self.ok += 1
            except grpc.RpcError as error:
                self.failures.append(f"{error.code()} after {time.monotonic() - started:.1f} s: {error.details()}")
            time.sleep(0.005)

    def wait_for(self, calls, when, timeout=10):
        deadline = time.monotonic() + timeout
        while self.ok < calls and time.monotonic() < deadline and not self.failures:
            time.sleep(0.01)
        assert self.ok >= calls and not self.failures, (
            f"the good client {when}: {self.ok} of {calls} calls answered; failures: {self.failures[:5]}")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=CALL_TIMEOUT + 2)
        self.channel.close()


def attack(server, pb2, one_round, min_seconds=1.0):
    """`_attack`, reporting a server that exits during it as ServerDied with its exit status."""
    try:
        return _attack(server, pb2, one_round, min_seconds)
    except WrongAnswer:
        raise
    except BaseException as error:
        try:
            code = server.proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            raise error from None
        server.died = True
        how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        raise ServerDied(f"the server died during the attack ({how}); the test saw {error!r}; "
                         f"server output:\n{server.log()}") from error


def _attack(server, pb2, one_round, min_seconds):
    """Runs `one_round(verdict)` once to warm up, takes the baseline, repeats it until the good
    client has made GOOD_CALLS_DURING_ATTACK calls during the attack (and at least `min_seconds`
    passed), then checks the good client, the server's health and its resources."""
    pid = server.proc.pid
    verdict = Verdict()
    with GoodClient(server, pb2) as good:
        good.wait_for(5, "before the attack")
        one_round(verdict)
        base_rss, base_fds = settled_resources(pid)
        start_ok, started, rounds = good.ok, time.monotonic(), 0
        while (rounds == 0 or time.monotonic() - started < min_seconds
               or good.ok - start_ok < GOOD_CALLS_DURING_ATTACK):
            assert time.monotonic() - started < ATTACK_DEADLINE, (
                f"the good client completed {good.ok - start_ok} calls in {ATTACK_DEADLINE} s of attack "
                f"({rounds} rounds); failures: {good.failures}")
            one_round(verdict)
            rounds += 1
        during = good.ok - start_ok
        assert server.proc.poll() is None, f"the server died during the attack:\n{server.log()}"
        good.wait_for(good.ok + 2, "after the attack")
        rss, fds = settled_resources(pid, want_fds=base_fds)
        failures = list(good.failures)
    assert not failures, f"the good client failed during the attack: {failures[:5]}"
    assert during >= GOOD_CALLS_DURING_ATTACK
    assert fds == base_fds, f"open descriptors: {base_fds} before the attack, {fds} after ({rounds} rounds)"
    assert rss <= base_rss + RSS_SLACK_KB, f"VmRSS: {base_rss} KiB before the attack, {rss} KiB after ({rounds} rounds)"
    verdict.raise_if_any()
    return rounds


# --- Raw sockets -------------------------------------------------------------------------------

def connect(port, timeout=5):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def abort(sock):
    """Closes with a TCP RST instead of FIN, as a crashed or killed client would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def read_until_closed(sock, timeout=3.0):
    """Everything the server sends until it closes: (bytes, "eof" | "reset" | "open")."""
    received = bytearray()
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return bytes(received), "open"
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return bytes(received), "open"
        except ConnectionResetError:
            return bytes(received), "reset"
        if not chunk:
            return bytes(received), "eof"
        received += chunk


def parse_frames(data):
    """HTTP/2 frames in `data` (stopping at an incomplete or unparsable one)."""
    frames, view = [], memoryview(data)
    while len(view) >= 9:
        try:
            frame, length = hyperframe.frame.Frame.parse_frame_header(view[:9])
            if len(view) < 9 + length:
                break
            frame.parse_body(view[9:9 + length])
        except hyperframe.exceptions.HyperframeError:
            break
        frames.append(frame)
        view = view[9 + length:]
    return frames


def goaways(frames):
    return [f for f in frames if isinstance(f, hyperframe.frame.GoAwayFrame)]


def check_closed_with_connection_error(verdict, received, how, what, goaway_required):
    """The server closed; if it sent GOAWAY (which RFC 9113 §3.4 lets it omit for a peer that does
    not speak HTTP/2 at all), the code is a connection error."""
    verdict.that(how != "open", f"{what}: the server kept the connection open for 3 s")
    frames = parse_frames(received)
    codes = [f.error_code for f in goaways(frames)]
    verdict.that(not received.startswith(b"HTTP/"), f"{what}: answered with HTTP/1 text {received[:40]!r}")
    if goaway_required:
        verdict.that(bool(codes) or how == "reset",
                     f"{what}: closed without GOAWAY; received {[type(f).__name__ for f in frames]}")
    verdict.that(all(code in CONNECTION_ERRORS for code in codes), f"{what}: GOAWAY codes {codes}")


# --- HTTP/2 with hyper-h2 ----------------------------------------------------------------------

def grpc_message(payload, compressed=False):
    return bytes([1 if compressed else 0]) + struct.pack(">I", len(payload)) + payload


def request_headers(method, extra=()):
    return [(b":method", b"POST"), (b":scheme", b"http"), (b":path", SERVICE + method),
            (b":authority", b"127.0.0.1"), (b"content-type", b"application/grpc"), (b"te", b"trailers"),
            *extra]


class H2Client:
    """One HTTP/2 connection driven by hyper-h2, recording what the server answers per stream."""

    def __init__(self, port, timeout=5):
        self.sock = connect(port, timeout)
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(
            client_side=True, header_encoding=None, validate_inbound_headers=False))
        self.conn.initiate_connection()
        self.headers = collections.defaultdict(list)  # stream -> [dict of one header block]
        self.data = collections.defaultdict(bytearray)
        self.ended = set()
        self.resets = {}  # stream -> error code
        self.goaway = None  # (error code, last stream id, debug data)
        self.closed = None  # "eof" | "reset" once the server has gone
        self.h2_error = None

    def send(self):
        data = self.conn.data_to_send()
        if data and self.closed is None:
            try:
                self.sock.sendall(data)
            except OSError:
                self.closed = "reset"

    def receive(self, until=lambda: False, timeout=3.0):
        """Reads and handles frames until `until()` holds, the server closes, or `timeout`."""
        self.send()
        deadline = time.monotonic() + timeout
        while not until() and self.closed is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if not select.select([self.sock], [], [], min(left, 0.1))[0]:
                continue
            self.receive_available()
        return until()

    def receive_available(self):
        """Handles what has already arrived, without waiting."""
        while self.closed is None and select.select([self.sock], [], [], 0)[0]:
            try:
                chunk = self.sock.recv(1 << 20)
            except ConnectionResetError:
                self.closed = "reset"
                return
            if not chunk:
                self.closed = "eof"
                return
            try:
                events = self.conn.receive_data(chunk)
            except h2.exceptions.ProtocolError as error:
                self.h2_error = repr(error)
                self.closed = "h2 error"
                return
            for event in events:
                self.handle(event)
            self.send()

    def handle(self, event):
        if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
            self.headers[event.stream_id].append(dict(event.headers))
        elif isinstance(event, h2.events.DataReceived):
            self.data[event.stream_id] += event.data
            with contextlib.suppress(h2.exceptions.ProtocolError):
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        if getattr(event, "stream_ended", None) is not None or isinstance(event, h2.events.StreamEnded):
            self.ended.add(event.stream_id)
        if isinstance(event, h2.events.StreamReset):
            self.resets[event.stream_id] = event.error_code
        elif isinstance(event, h2.events.ConnectionTerminated):
            self.goaway = (event.error_code, event.last_stream_id, event.additional_data)

    def grpc_status(self, stream):
        """The stream's grpc-status (from its last header block), or None."""
        for block in reversed(self.headers.get(stream, [])):
            if b"grpc-status" in block:
                return int(block[b"grpc-status"])
        return None

    def done(self, stream):
        return stream in self.ended or stream in self.resets

    def call(self, method, message, extra=()):
        """Sends a whole unary request; returns the stream id."""
        stream = self.conn.get_next_available_stream_id()
        self.conn.send_headers(stream, request_headers(method, extra))
        self.conn.send_data(stream, grpc_message(message), end_stream=True)
        self.send()
        return stream

    def close(self, how="fin"):
        """"fin": a plain close (an RST instead if received bytes are unread); "rst": an abortive
        close; "fin-rst": half-close first, then abort, as a client killed after shutdown()."""
        if how == "fin-rst":
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_WR)
        if how in ("rst", "fin-rst"):
            abort(self.sock)
        else:
            self.sock.close()


def check_connection_serves(verdict, client, what):
    """A normal EmptyCall on an attacked connection that was not told to go away still works."""
    if client.goaway is not None or client.closed is not None:
        return
    try:
        stream = client.call(b"EmptyCall", b"")
    except h2.exceptions.ProtocolError as error:
        verdict.that(False, f"{what}: could not send a normal call afterwards: {error!r}")
        return
    client.receive(lambda: client.done(stream), timeout=CALL_TIMEOUT)
    verdict.that(client.grpc_status(stream) == 0,
                 f"{what}: a normal call on the same connection afterwards got status "
                 f"{client.grpc_status(stream)}, reset {client.resets.get(stream)}, goaway {client.goaway}, "
                 f"closed {client.closed}")


# --- Not HTTP/2 at all -------------------------------------------------------------------------

@pytest.mark.parametrize("after_preface", [False, True], ids=["instead-of-preface", "after-preface"])
def test_garbage_bytes(server, pb2, after_preface):
    rng = random.Random(20240314)

    def one_round(verdict):
        garbage = bytes([0xFF]) + rng.randbytes(64 * 1024 - 1)
        if after_preface:
            # A valid preface and SETTINGS, then noise where frames should be.
            garbage = PREFACE + bytes.fromhex("000000040000000000") + garbage
        sock = connect(server.port)
        try:
            with contextlib.suppress(OSError):
                sock.sendall(garbage)
            received, how = read_until_closed(sock)
        finally:
            sock.close()
        check_closed_with_connection_error(verdict, received, how, "garbage", goaway_required=after_preface)

    attack(server, pb2, one_round)


def test_http1_request_gets_505_and_close(server, pb2):
    def one_round(verdict):
        sock = connect(server.port)
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n")
            received, how = read_until_closed(sock)
        finally:
            sock.close()
        verdict.that(how != "open", "HTTP/1.1: the server kept the connection open")
        verdict.that(received.startswith(b"HTTP/1.1 505 "),
                     f"HTTP/1.1: the answer does not start with a 505 status line: {received[:60]!r}")

    attack(server, pb2, one_round)


@pytest.mark.parametrize("preface", ["corrupt-magic", "truncated-then-eof", "ping-before-settings"])
def test_broken_connection_preface(server, pb2, preface):
    def one_round(verdict):
        sock = connect(server.port)
        try:
            if preface == "corrupt-magic":
                sock.sendall(PREFACE.replace(b"SM", b"XX") + bytes.fromhex("000000040000000000"))
            elif preface == "truncated-then-eof":
                sock.sendall(PREFACE[:11])
                sock.shutdown(socket.SHUT_WR)
            else:  # RFC 9113 §3.4: the preface's first frame must be SETTINGS
                sock.sendall(PREFACE + bytes.fromhex("000008060000000000") + b"\x00" * 8)
            received, how = read_until_closed(sock)
        finally:
            sock.close()
        check_closed_with_connection_error(
            verdict, received, how, preface, goaway_required=preface == "ping-before-settings")
        if preface == "ping-before-settings":
            codes = [f.error_code for f in goaways(parse_frames(received))]
            verdict.that(codes == [PROTOCOL_ERROR], f"{preface}: GOAWAY codes {codes}, want PROTOCOL_ERROR")

    attack(server, pb2, one_round)


# --- HTTP/2 abuse ------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["one-64k-value", "4000-small-fields", "continuation-flood"])
def test_oversized_header_block(server, pb2, shape):
    """The server's limit is 16 KiB of header list: the stream is refused (or the connection
    ended with a connection error) and HPACK state stays intact for later streams."""
    if shape == "4000-small-fields":
        metadata = [(b"x-big-%04d" % i, b"v" * 6) for i in range(4000)]  # 4000 * (10+6+32) = 187 KiB
    else:
        metadata = [(b"x-big", b"a" * (64 * 1024))]

    def one_round(verdict):
        client = H2Client(server.port)
        try:
            client.receive(lambda: client.conn.remote_settings.max_concurrent_streams <= 1000)
            if shape == "continuation-flood":
                # 64 KiB in 1 KiB frames: one HEADERS and 64 CONTINUATIONs (nghttp2 allows 16).
                client.conn.max_outbound_frame_size = 1024
            stream = client.conn.get_next_available_stream_id()
            client.conn.send_headers(stream, request_headers(b"EmptyCall", metadata))
            client.conn.max_outbound_frame_size = 16384
            client.conn.send_data(stream, grpc_message(b""), end_stream=True)
            client.receive(lambda: client.done(stream) or client.goaway is not None)
            status = client.grpc_status(stream)
            refused = stream in client.resets or client.goaway is not None or client.closed is not None
            verdict.that(refused or status == RESOURCE_EXHAUSTED,
                         f"{shape}: {len(metadata)} fields accepted: status {status}, headers {client.headers[stream]}")
            if client.goaway is not None:
                verdict.that(client.goaway[0] in CONNECTION_ERRORS, f"{shape}: GOAWAY {client.goaway}")
            verdict.that(client.h2_error is None, f"{shape}: invalid HTTP/2 from the server: {client.h2_error}")
            if shape == "continuation-flood":
                verdict.that(client.goaway is not None or client.closed is not None,
                             f"{shape}: 64 CONTINUATION frames did not end the connection")
            else:
                check_connection_serves(verdict, client, shape)
        finally:
            client.close()

    attack(server, pb2, one_round)


def test_length_prefix_announcing_4_gib(server, pb2):
    """A message header announcing 0xFFFFFFFF bytes is refused from the prefix alone."""
    def one_round(verdict):
        client = H2Client(server.port)
        try:
            client.receive(lambda: client.conn.remote_settings.max_concurrent_streams <= 1000)
            streams = []
            for _ in range(20):
                stream = client.conn.get_next_available_stream_id()
                client.conn.send_headers(stream, request_headers(b"UnaryCall"))
                # The prefix, then 16 KiB of what would be the first of 4 GiB; no END_STREAM.
                client.conn.send_data(stream, b"\x00\xff\xff\xff\xff")
                client.conn.send_data(stream, b"\x08" * (16 * 1024))
                streams.append(stream)
            client.send()
            client.receive(lambda: all(client.done(s) for s in streams) or client.goaway is not None)
            statuses = [client.grpc_status(s) for s in streams]
            verdict.that(statuses == [RESOURCE_EXHAUSTED] * len(streams),
                         f"4 GiB prefix: statuses {statuses}, resets {client.resets}, goaway {client.goaway}")
            check_connection_serves(verdict, client, "4 GiB prefix")
        finally:
            client.close()

    attack(server, pb2, one_round)


def test_stream_reset_storm(server, pb2):
    """Rapid reset (CVE-2023-44487): thousands of HEADERS + RST_STREAM(CANCEL) pairs, each starting
    a handler. nghttp2 rate-limits this with GOAWAY; if the server does not, it must keep serving."""
    pairs = 5000

    def one_round(verdict):
        client = H2Client(server.port)
        try:
            client.receive(lambda: client.conn.remote_settings.max_concurrent_streams <= 1000)
            sent = 0
            while sent < pairs and client.goaway is None and client.closed is None:
                try:
                    for _ in range(100):
                        stream = client.conn.get_next_available_stream_id()
                        client.conn.send_headers(stream, request_headers(b"FullDuplexCall"))
                        client.conn.reset_stream(stream, CANCEL)
                        sent += 1
                except h2.exceptions.ProtocolError:
                    break
                client.send()
                client.receive_available()
            client.receive(lambda: client.goaway is not None, timeout=1.0)
            verdict.that(client.h2_error is None, f"reset storm: invalid HTTP/2 from the server: {client.h2_error}")
            if client.goaway is not None:
                verdict.that(client.goaway[0] != NO_ERROR, f"reset storm: GOAWAY {client.goaway}")
            else:
                verdict.that(client.closed is None, f"reset storm: connection {client.closed} without GOAWAY")
                check_connection_serves(verdict, client, "reset storm")
        finally:
            client.close()

    attack(server, pb2, one_round)


def test_1000_concurrent_streams(server, pb2):
    """1,000 streams opened on one connection before the client has seen the server's SETTINGS
    (MAX_CONCURRENT_STREAMS 100): RFC 9113 §5.1.2 lets the server refuse the excess with
    RST_STREAM(REFUSED_STREAM); every stream it accepts then completes normally."""
    request = pb2("grpc.testing.StreamingOutputCallRequest")(
        response_parameters=[pb2("grpc.testing.ResponseParameters")(size=32)]).SerializeToString()

    def one_round(verdict):
        client = H2Client(server.port)
        try:
            streams = []
            for _ in range(1000):  # hyper-h2 applies no stream limit before the server's SETTINGS
                stream = client.conn.get_next_available_stream_id()
                client.conn.send_headers(stream, request_headers(b"FullDuplexCall"))
                streams.append(stream)
            client.send()
            # Accepted streams wait for a request message; the others are refused at once.
            client.receive(lambda: len(client.resets) >= 900 or client.goaway is not None)
            client.receive(lambda: False, timeout=0.2)
            accepted = [s for s in streams if s not in client.resets]
            codes = collections.Counter(client.resets.values())
            verdict.that(client.goaway is None and client.closed is None,
                         f"1000 streams: connection ended: goaway {client.goaway}, closed {client.closed}")
            verdict.that(len(accepted) == 100 and set(codes) == {REFUSED_STREAM},
                         f"1000 streams: {len(accepted)} accepted, resets by code {dict(codes)}")
            for stream in accepted:
                with contextlib.suppress(h2.exceptions.ProtocolError):
                    client.conn.send_data(stream, grpc_message(request), end_stream=True)
            client.send()
            client.receive(lambda: all(client.done(s) for s in accepted), timeout=CALL_TIMEOUT)
            statuses = collections.Counter(client.grpc_status(s) for s in accepted)
            answered = sum(1 for s in accepted if len(client.data[s]) == 5 + 2 + 2 + 32)
            verdict.that(statuses == {0: len(accepted)} and answered == len(accepted),
                         f"1000 streams: accepted streams ended with statuses {dict(statuses)}, "
                         f"{answered} of {len(accepted)} got their response message")
        finally:
            client.close()

    attack(server, pb2, one_round)


def test_200_connections_dropped_mid_call(server, pb2):
    """200 connections open at once, each dropped in the middle of a call: half while sending a
    unary request (HEADERS and part of the message), half while the server is streaming responses
    nobody reads and the handler is still running. They close with FIN, RST, or FIN then RST."""
    streaming = pb2("grpc.testing.StreamingOutputCallRequest")(response_parameters=[
        pb2("grpc.testing.ResponseParameters")(size=4096, interval_us=20_000)] * 10).SerializeToString()

    def one_round(verdict):
        clients = []
        try:
            for i in range(200):
                client = H2Client(server.port)
                clients.append(client)
                if i % 2 == 0:
                    stream = client.conn.get_next_available_stream_id()
                    client.conn.send_headers(stream, request_headers(b"UnaryCall"))
                    client.conn.send_data(stream, b"\x00" + struct.pack(">I", 1000) + b"\x01" * 500)
                else:
                    stream = client.conn.get_next_available_stream_id()
                    client.conn.send_headers(stream, request_headers(b"StreamingOutputCall"))
                    client.conn.send_data(stream, grpc_message(streaming), end_stream=True)
                client.send()
            # Every connection has reached the server (its SETTINGS came back) before the drop.
            for client in clients:
                client.receive(lambda c=client: c.conn.remote_settings.max_concurrent_streams <= 1000)
                verdict.that(client.closed is None and client.goaway is None,
                             f"drop mid-call: the server ended a connection early: {client.closed} {client.goaway}")
            time.sleep(0.1)  # the streaming handlers are between writes
        finally:
            for i, client in enumerate(clients):
                client.close(how=("fin", "rst", "fin-rst")[i // 2 % 3])

    attack(server, pb2, one_round, min_seconds=1.5)
