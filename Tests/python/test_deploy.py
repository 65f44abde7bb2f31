"""What deploy/ relies on that can be checked without containers (tools/container-test.py runs the
containers themselves): the health probe the image's HEALTHCHECK runs, against live servers, and
the Kubernetes ConfigMap holding exactly deploy/rules.json.
"""

import json
import pathlib
import signal
import socket
import subprocess
import threading

import grpc
import pytest
import yaml
from grpc_health.v1 import health_pb2, health_pb2_grpc

from test_health_reflection import start_server, stop_server

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def probe(swift_tool, *arguments):
    done = subprocess.run([swift_tool("sj-health-probe"), *arguments], capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout.strip()


@pytest.fixture(scope="module")
def intake_address(swift_tool):
    process = subprocess.Popen(
        [swift_tool("shuangjiang-server"), "--services", "intake", "--in-memory", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("shuangjiang-server listening on "):
        process.kill()
        pytest.fail(f"shuangjiang-server did not start: {line!r}")
    yield "127.0.0.1:" + line.rsplit(":", 1)[1]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


def test_the_probe_passes_a_serving_server_and_its_service(swift_tool, intake_address):
    assert probe(swift_tool, intake_address) == (0, f"{intake_address}: the server is SERVING")
    assert probe(swift_tool, intake_address, "shuangjiang.intake.v1.IntakeService") == (
        0, f"{intake_address}: shuangjiang.intake.v1.IntakeService is SERVING")


def test_the_probe_fails_a_service_the_server_does_not_run(swift_tool, intake_address):
    # assessment is in this build but not in this process: a container started with the wrong
    # SJ_SERVICES must not pass a check that names the service it should run.
    code, output = probe(swift_tool, intake_address, "shuangjiang.assessment.v1.AssessmentService")
    assert code == 1
    assert "NOT_FOUND" in output


def test_the_probe_fails_when_nothing_listens(swift_tool):
    code, output = probe(swift_tool, "--timeout", "5", f"127.0.0.1:{unused_port()}")
    assert code == 1
    assert "UNAVAILABLE" in output


def test_the_probe_fails_a_server_that_is_shutting_down(swift_tool):
    # Container engines and Kubernetes must see a draining server as unhealthy while it still
    # answers. A bidirectional call that sends nothing holds the drain open (up to the 5 s grace).
    process, address = start_server(swift_tool)
    release = threading.Event()

    def nothing_until_released():
        release.wait(30)
        return
        yield

    try:
        with grpc.insecure_channel(address) as channel:
            held = channel.stream_stream("/grpc.testing.TestService/FullDuplexCall")(
                nothing_until_released(), timeout=30)
            watch = health_pb2_grpc.HealthStub(channel).Watch(
                health_pb2.HealthCheckRequest(service="grpc.testing.TestService"), timeout=30)
            assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
            process.send_signal(signal.SIGTERM)
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
            code, output = probe(swift_tool, "--timeout", "3", address, "grpc.testing.TestService")
            assert process.poll() is None, "the server should still be draining the held call"
            # The listener closes as the drain begins, so a new connection is usually refused; one
            # that got in first is answered NOT_SERVING. Either way the probe must fail.
            assert code == 1, output
            assert "connection refused" in output or output.endswith("is NOT_SERVING"), output
            release.set()
            held.cancel()
    finally:
        release.set()
        stop_server(process, already_signalled=True)


def test_the_configmap_holds_the_deployed_rules_file():
    with open(DEPLOY / "k8s" / "00-rules-configmap.yaml", encoding="utf-8") as file:
        configmap = yaml.safe_load(file)
    rules = (DEPLOY / "rules.json").read_text(encoding="utf-8")
    assert json.loads(configmap["data"]["rules.json"]) == json.loads(rules), (
        "deploy/k8s/00-rules-configmap.yaml differs from deploy/rules.json: copy the file into the ConfigMap's "
        "rules.json, indented four spaces")


def unused_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
