"""gRPC-over-HTTP/2 rules checked at the frame level with hyper-h2, where grpcio would hide them:
what the server answers to an unsupported encoding, a non-gRPC content type, a malformed
grpc-timeout, a request that is not POST, and a compressed message without grpc-encoding."""

import pytest

from test_hostile_input import H2Client, ServerProcess, grpc_message, request_headers, server  # noqa: F401
from test_interop import bin_path  # noqa: F401 (a fixture)


def one_call(port, method, message=b"", extra=(), replace=None):
    client = H2Client(port)
    try:
        stream = client.conn.get_next_available_stream_id()
        headers = request_headers(method, extra)
        if replace:
            headers = [(name, replace.get(name, value)) for name, value in headers]
        client.conn.send_headers(stream, headers)
        client.conn.send_data(stream, message, end_stream=True)
        assert client.receive(lambda: client.done(stream)), "no answer"
        return client, stream
    finally:
        client.close()


def test_an_unsupported_encoding_is_unimplemented_and_names_the_supported_ones(server):  # noqa: F811
    client, stream = one_call(server.port, b"EmptyCall", grpc_message(b"", compressed=True),
                              extra=[(b"grpc-encoding", b"snappy")])
    block = client.headers[stream][0]
    assert block[b":status"] == b"200"
    assert int(block[b"grpc-status"]) == 12
    assert b"gzip" in block[b"grpc-accept-encoding"]
    assert len(client.headers[stream]) == 1, "a trailers-only response"


def test_a_non_grpc_content_type_is_http_415(server):  # noqa: F811
    client, stream = one_call(server.port, b"EmptyCall", grpc_message(b""),
                              replace={b"content-type": b"application/json"})
    assert client.headers[stream][0][b":status"] == b"415"


@pytest.mark.parametrize("timeout", [b"123456789S", b"10", b"-1S", b"1x"])
def test_a_malformed_grpc_timeout_is_rejected_before_the_handler_runs(server, timeout):  # noqa: F811
    client, stream = one_call(server.port, b"EmptyCall", grpc_message(b""), extra=[(b"grpc-timeout", timeout)])
    status = client.grpc_status(stream)
    assert status is not None and status != 0, client.headers[stream]


def test_a_compressed_message_without_grpc_encoding_is_internal(server):  # noqa: F811
    client, stream = one_call(server.port, b"EmptyCall", grpc_message(b"\x00", compressed=True))
    assert client.grpc_status(stream) == 13


def test_a_valid_grpc_timeout_leaves_the_call_alone(server):  # noqa: F811
    client, stream = one_call(server.port, b"EmptyCall", grpc_message(b""), extra=[(b"grpc-timeout", b"5S")])
    assert client.grpc_status(stream) == 0
