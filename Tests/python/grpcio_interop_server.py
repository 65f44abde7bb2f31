"""grpc.testing.TestService on Python grpcio, per grpc/grpc doc/interop-test-descriptions.md.

The reference server our Swift client's interop cases run against (test_interop_swift_client.py).

    python grpcio_interop_server.py [--port N]

Port 0 (the default) lets the kernel choose; the first line printed is
`grpcio-interop-server listening on 127.0.0.1:PORT`. SIGTERM or SIGINT stop it (exit 0).

Message classes come from a descriptor pool built from proto/ (our copies of the interop protos
live in the package `grpc`, which would shadow grpcio's own module as `_pb2` imports).

grpcio does not tell a handler whether a request message arrived compressed, which the
CompressedRequest feature (`expect_compressed`) needs. So per-message decompression is switched
off and requests are decoded here: a gzip member starts with 0x1f 0x8b, which no protobuf encoding
can (0x1f would be field 3 with the invalid wire type 7). gzip is the only algorithm accepted.
"""

import argparse
import pathlib
import signal
import tempfile
import threading
import zlib
from concurrent import futures

import grpc

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVICE = "grpc.testing.TestService"
RECEIVE_LIMIT = 4 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
STATUS_CODES = {code.value[0]: code for code in grpc.StatusCode}


def message_classes():
    """grpc.testing message classes by short name, compiled from proto/grpc/testing."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    from grpc_tools import protoc

    with tempfile.TemporaryDirectory() as out:
        fds = pathlib.Path(out) / "testing.fds"
        code = protoc.main(["protoc", f"-I{ROOT / 'proto'}", f"--descriptor_set_out={fds}", "--include_imports",
                            "grpc/testing/test.proto"])
        assert code == 0, "grpc_tools.protoc failed on proto/grpc/testing/test.proto"
        files = descriptor_pb2.FileDescriptorSet.FromString(fds.read_bytes()).file
    pool = descriptor_pool.DescriptorPool()
    for file in files:
        pool.Add(file)
    names = ("Empty", "SimpleRequest", "SimpleResponse", "StreamingInputCallRequest", "StreamingInputCallResponse",
             "StreamingOutputCallRequest", "StreamingOutputCallResponse", "Payload")
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"grpc.testing.{name}"))
            for name in names}


class Received:
    """A decoded request and whether it arrived compressed; `message` is None if it was too large."""

    def __init__(self, message, compressed):
        self.message = message
        self.compressed = compressed


def decoder(cls):
    def decode(data):
        if data[:2] != GZIP_MAGIC:
            return Received(cls.FromString(data), False)
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        plain = inflater.decompress(data, RECEIVE_LIMIT + 1)
        if len(plain) > RECEIVE_LIMIT:
            return Received(None, True)
        return Received(cls.FromString(plain), True)
    return decode


def check(received, context, expect_compressed):
    """The request's message, after the receive-limit and CompressedRequest checks."""
    if received.message is None:
        context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, f"decompressed message larger than {RECEIVE_LIMIT} bytes")
    if expect_compressed(received.message) and not received.compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "expected a compressed request")
    return received.message


def echo_status(context, status):
    if status.code != 0:
        context.abort(STATUS_CODES.get(status.code, grpc.StatusCode.UNKNOWN), status.message)


def echo_metadata(context):
    metadata = dict(context.invocation_metadata())
    if ECHO_INITIAL in metadata:
        context.send_initial_metadata([(ECHO_INITIAL, metadata[ECHO_INITIAL])])
    if ECHO_TRAILING in metadata:
        context.set_trailing_metadata([(ECHO_TRAILING, metadata[ECHO_TRAILING])])


class TestService:
    def __init__(self, messages):
        self.m = messages

    def payload(self, size):
        return self.m["Payload"](body=bytes(size))

    def empty_call(self, received, context):
        echo_metadata(context)
        return self.m["Empty"]()

    def unary_call(self, received, context):
        echo_metadata(context)
        request = check(received, context, lambda r: r.expect_compressed.value)
        echo_status(context, request.response_status)
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        return self.m["SimpleResponse"](payload=self.payload(request.response_size))

    def streaming_output_call(self, received, context):
        echo_metadata(context)
        request = check(received, context, lambda r: False)
        yield from self.respond(request.response_parameters, context)
        echo_status(context, request.response_status)

    def streaming_input_call(self, requests, context):
        total = 0
        for received in requests:
            request = check(received, context, lambda r: r.expect_compressed.value)
            total += len(request.payload.body)
        return self.m["StreamingInputCallResponse"](aggregated_payload_size=total)

    def full_duplex_call(self, requests, context):
        echo_metadata(context)
        for received in requests:
            request = check(received, context, lambda r: False)
            echo_status(context, request.response_status)
            yield from self.respond(request.response_parameters, context)

    def half_duplex_call(self, requests, context):
        pending = [check(received, context, lambda r: False) for received in requests]
        for request in pending:
            yield from self.respond(request.response_parameters, context)

    def respond(self, parameters, context):
        """One response per ResponseParameters: sleep interval_us first, compress as asked."""
        if any(p.compressed.value for p in parameters):
            context.set_compression(grpc.Compression.Gzip)
        ended = threading.Event()
        context.add_callback(ended.set)  # a deadline or cancellation ends the sleep early
        for p in parameters:
            if p.interval_us > 0 and ended.wait(p.interval_us / 1e6):
                return
            if not p.compressed.value:
                context.disable_next_message_compression()
            yield self.m["StreamingOutputCallResponse"](payload=self.payload(p.size))

    def handler(self):
        m = self.m
        ser = lambda cls: cls.SerializeToString  # noqa: E731
        # UnimplementedCall is left out on purpose: grpcio answers it UNIMPLEMENTED.
        return grpc.method_handlers_generic_handler(SERVICE, {
            "EmptyCall": grpc.unary_unary_rpc_method_handler(
                self.empty_call, decoder(m["Empty"]), ser(m["Empty"])),
            "UnaryCall": grpc.unary_unary_rpc_method_handler(
                self.unary_call, decoder(m["SimpleRequest"]), ser(m["SimpleResponse"])),
            "CacheableUnaryCall": grpc.unary_unary_rpc_method_handler(
                self.unary_call, decoder(m["SimpleRequest"]), ser(m["SimpleResponse"])),
            "StreamingOutputCall": grpc.unary_stream_rpc_method_handler(
                self.streaming_output_call, decoder(m["StreamingOutputCallRequest"]),
                ser(m["StreamingOutputCallResponse"])),
            "StreamingInputCall": grpc.stream_unary_rpc_method_handler(
                self.streaming_input_call, decoder(m["StreamingInputCallRequest"]),
                ser(m["StreamingInputCallResponse"])),
            "FullDuplexCall": grpc.stream_stream_rpc_method_handler(
                self.full_duplex_call, decoder(m["StreamingOutputCallRequest"]),
                ser(m["StreamingOutputCallResponse"])),
            "HalfDuplexCall": grpc.stream_stream_rpc_method_handler(
                self.half_duplex_call, decoder(m["StreamingOutputCallRequest"]),
                ser(m["StreamingOutputCallResponse"])),
        })


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=[
        ("grpc.per_message_decompression", 0),
        ("grpc.max_receive_message_length", RECEIVE_LIMIT),
    ])
    server.add_generic_rpc_handlers((TestService(message_classes()).handler(),))
    port = server.add_insecure_port(f"127.0.0.1:{args.port}")
    server.start()
    print(f"grpcio-interop-server listening on 127.0.0.1:{port}", flush=True)
    stop.wait()
    server.stop(grace=5).wait()


if __name__ == "__main__":
    main()
