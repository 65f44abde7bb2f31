"""Health checking and server reflection on the live interop-server, through grpcio's own clients:
grpcio-health-checking's stub, and grpcio-reflection's descriptor database (which speaks v1alpha)
feeding a protobuf DescriptorPool. v1, which grpcurl tries first, is exercised with a raw bidi call.
"""

import re
import signal
import subprocess

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
SERVICE_UNKNOWN = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN


def start_server(swift_tool):
    process = subprocess.Popen([swift_tool("interop-server"), "--port", "0", "--grace-seconds", "5"],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.match(r"interop-server listening on (\S+):(\d+)$", line.strip())
    if not match:
        process.kill()
        pytest.fail(f"interop-server did not start: {line!r}")
    return process, f"127.0.0.1:{match.group(2)}"


def stop_server(process, already_signalled=False):
    # A second SIGTERM after the drain has closed the signal watchers would kill the process.
    if not already_signalled:
        process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()


@pytest.fixture(scope="module")
def channel(swift_tool):
    process, address = start_server(swift_tool)
    with grpc.insecure_channel(address) as channel:
        yield channel
    stop_server(process)


def test_check_reports_the_server_and_its_services_as_serving(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", "grpc.testing.TestService", "grpc.health.v1.Health",
                    "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"):
        assert health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status == SERVING, service


def test_check_on_an_unknown_service_is_not_found(channel):
    health = health_pb2_grpc.HealthStub(channel)
    with pytest.raises(grpc.RpcError) as failure:
        health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=5)
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND


def test_watch_on_an_unknown_service_says_so_and_keeps_the_stream_open(channel):
    health = health_pb2_grpc.HealthStub(channel)
    call = health.Watch(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=1)
    assert next(call).status == SERVICE_UNKNOWN
    with pytest.raises(grpc.RpcError) as failure:
        next(call)
    assert failure.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_watch_turns_not_serving_when_the_server_begins_a_graceful_shutdown(swift_tool):
    # Its own server: SIGTERM is what Kubernetes sends, and probes must fail from that moment.
    process, address = start_server(swift_tool)
    signalled = False
    try:
        with grpc.insecure_channel(address) as channel:
            call = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service=""), timeout=10)
            assert next(call).status == SERVING
            process.send_signal(signal.SIGTERM)
            signalled = True
            assert next(call).status == NOT_SERVING
            # The watch then ends cleanly, so it does not hold the drain open.
            assert list(call) == []
            assert call.code() == grpc.StatusCode.OK
    finally:
        stop_server(process, already_signalled=signalled)


def test_the_reflection_database_lists_services_and_finds_files(channel):
    database = ProtoReflectionDescriptorDatabase(channel)
    services = set(database.get_services())
    assert {"grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection"} <= services

    test_file = database.FindFileContainingSymbol("grpc.testing.TestService")
    assert test_file.name == "grpc/testing/test.proto"
    assert list(test_file.dependency) == ["grpc/testing/empty.proto", "grpc/testing/messages.proto"]
    with pytest.raises(KeyError):
        database.FindFileContainingSymbol("no.such.Symbol")
    with pytest.raises(KeyError):
        database.FindFileByName("no/such.proto")


def test_a_descriptor_pool_fed_by_reflection_resolves_messages_services_and_nested_types(channel):
    pool = descriptor_pool.DescriptorPool(descriptor_db=ProtoReflectionDescriptorDatabase(channel))
    request = pool.FindMessageTypeByName("grpc.testing.SimpleRequest")
    assert request.fields_by_name["response_size"].number == 2
    assert request.fields_by_name["response_type"].enum_type.full_name == "grpc.testing.PayloadType"
    method = pool.FindServiceByName("grpc.testing.TestService").methods_by_name["StreamingOutputCall"]
    assert method.server_streaming and not method.client_streaming
    assert method.output_type.full_name == "grpc.testing.StreamingOutputCallResponse"
    nested = pool.FindMessageTypeByName("grpc.testing.LoadBalancerStatsResponse.RpcsByPeer")
    assert nested.containing_type.name == "LoadBalancerStatsResponse"
    assert pool.FindMethodByName("grpc.health.v1.Health.Watch").output_type.name == "HealthCheckResponse"
    cases = pool.FindFileContainingSymbol("shuangjiang.intake.v1.Case")
    assert "google/protobuf/timestamp.proto" in [d.name for d in cases.dependencies]


def test_reflection_serves_the_rich_error_model_so_clients_decode_field_violations(channel):
    # Our INVALID_ARGUMENT trailers carry a google.rpc.Status whose detail is a google.rpc.BadRequest
    # Any: a client that knows only what reflection tells it must be able to resolve both.
    pool = descriptor_pool.DescriptorPool(descriptor_db=ProtoReflectionDescriptorDatabase(channel))
    status = pool.FindMessageTypeByName("google.rpc.Status")
    assert status.fields_by_name["details"].message_type.full_name == "google.protobuf.Any"
    bad_request = pool.FindMessageTypeByName("google.rpc.BadRequest")
    violation = bad_request.fields_by_name["field_violations"].message_type
    assert [(f.name, f.number) for f in violation.fields] == [("field", 1), ("description", 2)]
    assert pool.FindFileContainingSymbol("google.rpc.BadRequest").name == "google/rpc/error_details.proto"


def test_v1_answers_each_request_on_one_stream(channel, pb2):
    # grpcio-reflection only speaks v1alpha; build v1 messages from proto/ and call it raw.
    request_class = pb2("grpc.reflection.v1.ServerReflectionRequest")
    response_class = pb2("grpc.reflection.v1.ServerReflectionResponse")
    info = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                                 request_serializer=request_class.SerializeToString,
                                 response_deserializer=response_class.FromString)
    requests = [
        request_class(host="h", list_services=""),
        request_class(file_containing_symbol="grpc.testing.TestService.UnaryCall"),
        request_class(file_containing_symbol="no.such.Symbol"),
        request_class(file_by_filename="grpc/testing/messages.proto"),
    ]
    responses = list(info(iter(requests), timeout=10))
    assert len(responses) == len(requests)
    assert [r.original_request for r in responses] == requests
    assert responses[0].valid_host == "h"
    assert "grpc.testing.TestService" in [s.name for s in responses[0].list_services_response.service]

    def names(response):
        return [descriptor_pb2.FileDescriptorProto.FromString(b).name
                for b in response.file_descriptor_response.file_descriptor_proto]

    assert names(responses[1]) == ["grpc/testing/test.proto", "grpc/testing/empty.proto",
                                   "grpc/testing/messages.proto"]
    assert responses[2].error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
    assert "no.such.Symbol" in responses[2].error_response.error_message
    assert names(responses[3]) == ["grpc/testing/messages.proto"]
