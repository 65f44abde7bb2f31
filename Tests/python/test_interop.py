"""The gRPC interop test cases against our `interop-server`, driven by Python grpcio.

Procedures and sizes follow grpc/grpc doc/interop-test-descriptions.md; each test is named after
its case. grpcio's generic multicallables carry message classes from the descriptor pool (`pb2`),
because our copies of the interop protos live in the package `grpc`, which grpcio owns.

grpcio does not expose a message's compressed flag. Where a case checks it, a second channel with
per-message decompression switched off receives the raw message bytes: a compressed message then
arrives as a gzip member (0x1f 0x8b, which no protobuf encoding can start with), a plain one as
protobuf.

Set SJ_BIN_DIR to run against executables built elsewhere (e.g. `--scratch-path`).
"""

import contextlib
import os
import pathlib
import queue
import signal
import subprocess
import threading

import grpc
import pytest

SERVICE = "/grpc.testing.TestService/"
TIMEOUT = 10  # seconds, for every call that is not about deadlines: a hang fails, not stalls
REQUEST_SIZES = [27182, 8, 1828, 45904]
RESPONSE_SIZES = [31415, 9, 2653, 58979]
LARGE_REQUEST, LARGE_RESPONSE = 271828, 314159
ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
DEFAULT_LIMIT = 4 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


# --- Processes -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def bin_path(request):
    """Path of a built executable: from $SJ_BIN_DIR if set, else conftest's `swift_tool`."""
    override = os.environ.get("SJ_BIN_DIR")
    if override:
        def path(name):
            p = pathlib.Path(override) / name
            assert p.exists(), f"{p} does not exist (SJ_BIN_DIR={override})"
            return p
        return path
    return request.getfixturevalue("swift_tool")


class ServerProcess:
    """A server that prints `... listening on HOST:PORT` as its first line; stopped with SIGTERM."""

    def __init__(self, argv, startup_timeout=30):
        self.argv = [str(a) for a in argv]
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output = []
        first = queue.Queue()

        def drain():  # keeps the pipe from filling; the output explains failures
            for line in self.proc.stdout:
                if not self.output:
                    first.put(line)
                self.output.append(line)
            first.put(None)

        self.reader = threading.Thread(target=drain, daemon=True)
        self.reader.start()
        try:
            line = first.get(timeout=startup_timeout)
        except queue.Empty:
            line = None
        if not line or " listening on " not in line:
            self.kill()
            raise AssertionError(f"{self.argv} did not start: {''.join(self.output)!r}")
        self.target = line.split(" listening on ", 1)[1].strip()
        self.host, port = self.target.rsplit(":", 1)
        self.port = int(port)

    def stop(self, timeout=15):
        """SIGTERM, then the exit status; fails if the process does not exit within `timeout`."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"{self.argv} did not exit within {timeout} s of SIGTERM")
        self.reader.join(timeout=5)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=5)

    def log(self):
        return "".join(self.output)


@contextlib.contextmanager
def serving(argv):
    """Runs a server for the block, then checks it shuts down gracefully: exit 0 within 15 s."""
    server = ServerProcess(argv)
    try:
        yield server
    except BaseException:
        server.kill()
        raise
    code = server.stop()
    assert code == 0, f"{server.argv} exited {code} after SIGTERM:\n{server.log()}"


@pytest.fixture(scope="module")
def server(bin_path):
    with serving([bin_path("interop-server"), "--port", "0"]) as s:
        yield s


class InteropStub:
    """Generic grpcio multicallables for grpc.testing.TestService, with pool message classes."""

    def __init__(self, channel, pb2, raw_responses=False):
        m = lambda name: pb2(f"grpc.testing.{name}")  # noqa: E731

        def method(kind, name, request, response):
            return getattr(channel, kind)(
                SERVICE + name, request_serializer=m(request).SerializeToString,
                response_deserializer=None if raw_responses else m(response).FromString)

        self.EmptyCall = method("unary_unary", "EmptyCall", "Empty", "Empty")
        self.UnaryCall = method("unary_unary", "UnaryCall", "SimpleRequest", "SimpleResponse")
        self.StreamingOutputCall = method(
            "unary_stream", "StreamingOutputCall", "StreamingOutputCallRequest", "StreamingOutputCallResponse")
        self.StreamingInputCall = method(
            "stream_unary", "StreamingInputCall", "StreamingInputCallRequest", "StreamingInputCallResponse")
        self.FullDuplexCall = method(
            "stream_stream", "FullDuplexCall", "StreamingOutputCallRequest", "StreamingOutputCallResponse")
        self.UnimplementedCall = method("unary_unary", "UnimplementedCall", "Empty", "Empty")
        self.UnimplementedServiceCall = channel.unary_unary(
            "/grpc.testing.UnimplementedService/UnimplementedCall",
            request_serializer=m("Empty").SerializeToString, response_deserializer=m("Empty").FromString)


@pytest.fixture(scope="module")
def channel(server):
    with grpc.insecure_channel(server.target) as ch:
        yield ch


@pytest.fixture(scope="module")
def stub(channel, pb2):
    return InteropStub(channel, pb2)


@pytest.fixture(scope="module")
def raw_stub(server, pb2):
    """Responses as raw bytes, still compressed if they were sent compressed."""
    with grpc.insecure_channel(server.target, options=[("grpc.per_message_decompression", 0)]) as ch:
        yield InteropStub(ch, pb2, raw_responses=True)


class Requests:
    """A request iterator fed one message at a time, for lock-step streams; `close()` half-closes."""

    _END = object()

    def __init__(self, *messages):
        self._queue = queue.Queue()
        for message in messages:
            self.put(message)

    def put(self, message):
        self._queue.put(message)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            raise StopIteration
        return item

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()  # lets grpcio's request-consuming thread finish however the test ended


# --- Messages --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def msg(pb2):
    class Messages:
        Empty = pb2("grpc.testing.Empty")
        SimpleRequest = pb2("grpc.testing.SimpleRequest")
        StreamingInputCallRequest = pb2("grpc.testing.StreamingInputCallRequest")
        StreamingOutputCallRequest = pb2("grpc.testing.StreamingOutputCallRequest")
        StreamingOutputCallResponse = pb2("grpc.testing.StreamingOutputCallResponse")
        Payload = pb2("grpc.testing.Payload")
        ResponseParameters = pb2("grpc.testing.ResponseParameters")
        EchoStatus = pb2("grpc.testing.EchoStatus")
        BoolValue = pb2("grpc.testing.BoolValue")

        @classmethod
        def zeros(cls, size):
            return cls.Payload(body=bytes(size))

        @classmethod
        def large(cls, **fields):
            for key in ("expect_compressed", "response_compressed"):
                if key in fields:
                    fields[key] = cls.BoolValue(value=fields[key])
            return cls.SimpleRequest(response_size=LARGE_RESPONSE, payload=cls.zeros(LARGE_REQUEST), **fields)

        @classmethod
        def output(cls, payload=None, responses=(), **fields):
            """A StreamingOutputCallRequest; `responses` holds sizes or (size, {parameter fields})."""
            parameters = []
            for r in responses:
                size, extra = (r, {}) if isinstance(r, int) else r
                if "compressed" in extra:
                    extra = dict(extra, compressed=cls.BoolValue(value=extra["compressed"]))
                parameters.append(cls.ResponseParameters(size=size, **extra))
            return cls.StreamingOutputCallRequest(
                payload=None if payload is None else cls.zeros(payload), response_parameters=parameters, **fields)

        @classmethod
        def input(cls, size, expect_compressed=None):
            request = cls.StreamingInputCallRequest(payload=cls.zeros(size))
            if expect_compressed is not None:
                request.expect_compressed.value = expect_compressed
            return request

    return Messages


def assert_zeros(payload, size):
    assert len(payload.body) == size
    assert payload.body == bytes(size)


def assert_fails(code, call, *args, details=None, **kwargs):
    with pytest.raises(grpc.RpcError) as failure:
        call(*args, **kwargs)
    assert failure.value.code() == code, failure.value
    if details is not None:
        assert failure.value.details() == details
    return failure.value


# --- The cases -------------------------------------------------------------------------------

def test_empty_unary(stub, raw_stub, msg):
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()
    # The description's ideal check: the response serializes to zero bytes.
    assert raw_stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == b""


def test_large_unary(stub, msg):
    response = stub.UnaryCall(msg.large(), timeout=TIMEOUT)
    assert_zeros(response.payload, LARGE_RESPONSE)


def test_client_compressed_unary(stub, msg):
    # The probe: a plain request claiming to be compressed is refused.
    assert_fails(grpc.StatusCode.INVALID_ARGUMENT, stub.UnaryCall, msg.large(expect_compressed=True), timeout=TIMEOUT)
    response = stub.UnaryCall(msg.large(expect_compressed=True), compression=grpc.Compression.Gzip, timeout=TIMEOUT)
    assert_zeros(response.payload, LARGE_RESPONSE)
    response = stub.UnaryCall(msg.large(expect_compressed=False), timeout=TIMEOUT)
    assert_zeros(response.payload, LARGE_RESPONSE)


def test_server_compressed_unary(stub, raw_stub, msg):
    # grpcio cannot show the compressed flag itself; raw_stub's undecompressed bytes stand in for it.
    for compressed in (True, False):
        response = stub.UnaryCall(msg.large(response_compressed=compressed), timeout=TIMEOUT)
        assert_zeros(response.payload, LARGE_RESPONSE)
        raw = raw_stub.UnaryCall(msg.large(response_compressed=compressed), timeout=TIMEOUT)
        assert raw.startswith(GZIP_MAGIC) == compressed, f"response_compressed {compressed}: {raw[:8]!r}"


def test_client_streaming(stub, msg):
    response = stub.StreamingInputCall(iter([msg.input(size) for size in REQUEST_SIZES]), timeout=TIMEOUT)
    assert response.aggregated_payload_size == 74922


def test_client_compressed_streaming(stub, msg):
    assert_fails(grpc.StatusCode.INVALID_ARGUMENT, stub.StreamingInputCall,
                 iter([msg.input(27182, expect_compressed=True)]), timeout=TIMEOUT)
    # grpcio compresses every message of a call or none, so the second message, which the
    # description sends uncompressed, is compressed too and claims nothing (expect_compressed false).
    requests = [msg.input(27182, expect_compressed=True), msg.input(45904, expect_compressed=False)]
    response = stub.StreamingInputCall(iter(requests), compression=grpc.Compression.Gzip, timeout=TIMEOUT)
    assert response.aggregated_payload_size == 73086


def test_server_streaming(stub, msg):
    call = stub.StreamingOutputCall(msg.output(responses=RESPONSE_SIZES), timeout=TIMEOUT)
    assert [len(r.payload.body) for r in call] == RESPONSE_SIZES
    assert call.code() == grpc.StatusCode.OK


def test_server_compressed_streaming(stub, raw_stub, msg):
    request = msg.output(responses=[(31415, {"compressed": True}), (92653, {"compressed": False})])
    call = stub.StreamingOutputCall(request, timeout=TIMEOUT)
    responses = list(call)
    assert [len(r.payload.body) for r in responses] == [31415, 92653]
    for r in responses:
        assert r.payload.body == bytes(len(r.payload.body))
    assert call.code() == grpc.StatusCode.OK
    # The compressed flag, per message (see the module docstring).
    raw = list(raw_stub.StreamingOutputCall(request, timeout=TIMEOUT))
    assert [m.startswith(GZIP_MAGIC) for m in raw] == [True, False]
    assert len(msg.StreamingOutputCallResponse.FromString(raw[1]).payload.body) == 92653


def test_ping_pong(stub, msg):
    with Requests() as requests:
        call = stub.FullDuplexCall(requests, timeout=TIMEOUT)
        for request_size, response_size in zip(REQUEST_SIZES, RESPONSE_SIZES):
            requests.put(msg.output(payload=request_size, responses=[response_size]))
            assert_zeros(next(call).payload, response_size)
        requests.close()
        assert list(call) == []
        assert call.code() == grpc.StatusCode.OK


def test_empty_stream(stub):
    call = stub.FullDuplexCall(iter([]), timeout=TIMEOUT)
    assert list(call) == []
    assert call.code() == grpc.StatusCode.OK


def test_custom_metadata(stub, msg):
    metadata = [ECHO_INITIAL, ECHO_TRAILING]
    response, call = stub.UnaryCall.with_call(msg.large(), metadata=metadata, timeout=TIMEOUT)
    assert_zeros(response.payload, LARGE_RESPONSE)
    assert ECHO_INITIAL in call.initial_metadata()
    assert ECHO_TRAILING in call.trailing_metadata()

    call = stub.FullDuplexCall(iter([msg.output(payload=LARGE_REQUEST, responses=[LARGE_RESPONSE])]),
                               metadata=metadata, timeout=TIMEOUT)
    responses = list(call)
    assert len(responses) == 1
    assert_zeros(responses[0].payload, LARGE_RESPONSE)
    assert ECHO_INITIAL in call.initial_metadata()
    assert ECHO_TRAILING in call.trailing_metadata()
    assert call.code() == grpc.StatusCode.OK


def test_status_code_and_message(stub, msg):
    status = msg.EchoStatus(code=2, message="test status message")
    assert_fails(grpc.StatusCode.UNKNOWN, stub.UnaryCall, msg.SimpleRequest(response_status=status),
                 details="test status message", timeout=TIMEOUT)

    call = stub.FullDuplexCall(iter([msg.StreamingOutputCallRequest(response_status=status)]), timeout=TIMEOUT)
    with pytest.raises(grpc.RpcError):
        list(call)
    assert call.code() == grpc.StatusCode.UNKNOWN
    assert call.details() == "test status message"


def test_special_status_message(stub, msg):
    status = msg.EchoStatus(code=2, message=SPECIAL_MESSAGE)
    assert_fails(grpc.StatusCode.UNKNOWN, stub.UnaryCall, msg.SimpleRequest(response_status=status),
                 details=SPECIAL_MESSAGE, timeout=TIMEOUT)


def test_unimplemented_method(stub, msg):
    assert_fails(grpc.StatusCode.UNIMPLEMENTED, stub.UnimplementedCall, msg.Empty(), timeout=TIMEOUT)


def test_unimplemented_service(stub, msg):
    assert_fails(grpc.StatusCode.UNIMPLEMENTED, stub.UnimplementedServiceCall, msg.Empty(), timeout=TIMEOUT)


def test_timeout_on_sleeping_server(stub, msg):
    # The request stream stays open and the server sleeps 500 ms before its only response, so
    # nothing but the 1 ms deadline can end the call.
    with Requests(msg.output(payload=27182, responses=[(31415, {"interval_us": 500_000})])) as requests:
        call = stub.FullDuplexCall(requests, timeout=0.001)
        with pytest.raises(grpc.RpcError):
            list(call)
        assert call.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # The server is still serving on the same connection.
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()


def test_cancel_after_begin(stub, msg):
    with Requests() as requests:
        call = stub.StreamingInputCall.future(requests, timeout=TIMEOUT)
        assert call.cancel()
        assert call.code() == grpc.StatusCode.CANCELLED
        with pytest.raises(grpc.FutureCancelledError):
            call.result()
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()


def test_cancel_after_first_response(stub, msg):
    with Requests(msg.output(payload=27182, responses=[31415])) as requests:
        call = stub.FullDuplexCall(requests, timeout=TIMEOUT)
        assert_zeros(next(call).payload, 31415)
        assert call.cancel()
        assert call.code() == grpc.StatusCode.CANCELLED
        with pytest.raises(grpc.RpcError):
            next(call)
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()


# --- The receive limit -----------------------------------------------------------------------

def test_message_over_receive_limit(stub, msg):
    """One byte of payload over the default 4 MiB limit: RESOURCE_EXHAUSTED, and serving goes on."""
    request = msg.SimpleRequest(payload=msg.zeros(DEFAULT_LIMIT + 1))
    assert_fails(grpc.StatusCode.RESOURCE_EXHAUSTED, stub.UnaryCall, request, timeout=TIMEOUT)
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()


def test_compressed_message_over_receive_limit(stub, msg):
    """The limit is on the decompressed size: 4 MiB + 1 zeros gzip to about 4 KiB."""
    request = msg.SimpleRequest(payload=msg.zeros(DEFAULT_LIMIT + 1))
    assert_fails(grpc.StatusCode.RESOURCE_EXHAUSTED, stub.UnaryCall, request, compression=grpc.Compression.Gzip,
                 timeout=TIMEOUT)
    assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()


@pytest.fixture(scope="module")
def small_limit_server(bin_path):
    with serving([bin_path("interop-server"), "--port", "0", "--max-receive-bytes", "1024"]) as s:
        yield s


def test_configured_receive_limit_is_exact(small_limit_server, pb2, msg):
    """With --max-receive-bytes 1024 a 1024-byte message passes and a 1025-byte one does not, in
    unary and client-streaming calls; the server keeps serving after each refusal."""
    def sized(make, size):
        """make(n) with n chosen so that the message encodes to exactly `size` bytes."""
        for n in range(size, 0, -1):
            if make(n).ByteSize() == size:
                return make(n)
        raise AssertionError(f"no message of {size} bytes")

    def request_of(size):
        return sized(lambda n: msg.SimpleRequest(response_size=1, payload=msg.zeros(n)), size)

    def streaming_request_of(size):
        return sized(msg.input, size)

    with grpc.insecure_channel(small_limit_server.target) as channel:
        stub = InteropStub(channel, pb2)
        assert len(stub.UnaryCall(request_of(1024), timeout=TIMEOUT).payload.body) == 1
        assert_fails(grpc.StatusCode.RESOURCE_EXHAUSTED, stub.UnaryCall, request_of(1025), timeout=TIMEOUT)
        assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()

        ok = stub.StreamingInputCall(iter([streaming_request_of(1024)] * 3), timeout=TIMEOUT)
        assert ok.aggregated_payload_size == 3 * len(streaming_request_of(1024).payload.body)
        assert_fails(grpc.StatusCode.RESOURCE_EXHAUSTED, stub.StreamingInputCall,
                     iter([streaming_request_of(1024), streaming_request_of(1025)]), timeout=TIMEOUT)
        assert stub.EmptyCall(msg.Empty(), timeout=TIMEOUT) == msg.Empty()
