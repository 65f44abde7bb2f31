"""Our Swift interop client (`interop-client --test_case all`) against our `interop-server` and
against a Python grpcio server (grpcio_interop_server.py), so both halves are interop-tested.

One run per server; the per-case tests then read that run's `PASS name` / `FAIL name: reason`
lines, so a failure names its case.
"""

import pathlib
import re
import subprocess
import sys

import pytest

from test_interop import bin_path, serving  # noqa: F401 (bin_path is a fixture)

HERE = pathlib.Path(__file__).resolve().parent

# The standard interop cases, then the client's extra ones (see Sources/interop-client).
CASES = [
    "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "client_streaming",
    "client_compressed_streaming", "server_streaming", "server_compressed_streaming", "ping_pong", "empty_stream",
    "custom_metadata", "status_code_and_message", "special_status_message", "unimplemented_method",
    "unimplemented_service", "timeout_on_sleeping_server", "cancel_after_begin", "cancel_after_first_response",
    "message_over_receive_limit", "response_over_receive_limit", "first_call_on_new_channel",
]

SERVERS = {
    "interop-server": lambda bin_path: [bin_path("interop-server"), "--port", "0"],
    "grpcio": lambda bin_path: [sys.executable, HERE / "grpcio_interop_server.py", "--port", "0"],
}


class ClientRun:
    def __init__(self, result):
        self.code = result.returncode
        self.output = result.stdout + result.stderr
        self.results = {}
        for line in result.stdout.splitlines():
            match = re.fullmatch(r"(PASS|FAIL) ([a-z_]+)(?:: (.*))?", line)
            assert match, f"unexpected client output line {line!r}:\n{self.output}"
            assert match[2] not in self.results, f"{match[2]} reported twice:\n{self.output}"
            self.results[match[2]] = (match[1], match[3])


@pytest.fixture(scope="module", params=list(SERVERS))
def client_run(request, bin_path):
    client = bin_path("interop-client")
    with serving(SERVERS[request.param](bin_path)) as server:
        result = subprocess.run(
            [client, "--server_host", server.host, "--server_port", str(server.port), "--test_case", "all"],
            capture_output=True, text=True, timeout=120)
    return ClientRun(result)


def test_the_client_reports_every_case_once_and_exits_nonzero_exactly_on_a_failure(client_run):
    assert sorted(client_run.results) == sorted(CASES), client_run.output
    failed = [name for name, (verdict, _) in client_run.results.items() if verdict == "FAIL"]
    assert (client_run.code != 0) == bool(failed), client_run.output


def test_the_client_passes_every_case(client_run):
    assert client_run.code == 0, client_run.output
    assert all(verdict == "PASS" for verdict, _ in client_run.results.values()), client_run.output
    assert sorted(client_run.results) == sorted(CASES)


@pytest.mark.parametrize("case", CASES)
def test_case(client_run, case):
    verdict, reason = client_run.results.get(case, ("MISSING", None))
    assert verdict == "PASS", f"{case}: {verdict} {reason or ''}\n{client_run.output}"
