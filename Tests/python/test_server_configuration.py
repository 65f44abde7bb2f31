"""shuangjiang-server's configuration: flags over SJ_* environment over the file's "server" section
over defaults, logged at start with where each value came from; the rules reloaded on SIGHUP, each
change logged and in force for the next call; a broken file refused at start and on reload."""

import json
import signal
import subprocess
import time

from test_intake import Server, server_bin  # noqa: F401 (fixture)


def log_lines(server):
    return [json.loads(line) for line in list(server.output) if line.startswith("{")]


def wait_for_log(server, predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [entry for entry in log_lines(server) if predicate(entry)]
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("log line not seen:\n" + "".join(server.output))


def formula(server):
    """The formula the city's default loss rate is computed with: the rules' `loss_rate_formula`."""
    import importlib
    common = importlib.import_module("shuangjiang.common.v1.common_pb2")
    indicators = importlib.import_module("shuangjiang.assessment.v1.indicators_pb2")
    grpc_module = importlib.import_module("shuangjiang.assessment.v1.assessment_service_pb2_grpc")
    request = indicators.GetIndicatorsRequest(period=common.Period(kind=common.PERIOD_KIND_YEAR, year=2024))
    request.scope.city.SetInParent()
    stub = grpc_module.AssessmentServiceStub(server.channel)
    return stub.GetIndicators(request, timeout=10).current.loss_rate.formula


def test_flags_beat_the_environment_which_beats_the_file_and_each_source_is_logged(server_bin, tmp_path):
    config = tmp_path / "shuangjiang.json"
    config.write_text(json.dumps({"server": {"port": 0, "log_level": "debug", "time_zone": "UTC+08:00",
                                             "services": "intake"}}))
    server = Server([server_bin, "--in-memory", "--config", config, "--services", "intake,assessment"],
                    env={"SJ_LOG_LEVEL": "info", "SJ_LOG_FORMAT": "json"})
    try:
        [entry] = wait_for_log(server, lambda e: e.get("message", "").startswith("configuration"))
        settings = entry  # metadata keys sit beside "message" in a JSON log line
        assert settings["services"] == "intake,assessment (flag)"
        assert settings["log-level"] == "info (environment SJ_LOG_LEVEL)"
        assert settings["time-zone"] == "UTC+08:00 (file)"
        assert settings["port"] == "0 (file)"
        assert settings["host"] == "127.0.0.1 (default)"
        assert settings["config"] == f"{config} (flag)"
    finally:
        server.stop()


def test_sighup_reloads_the_rules_logs_each_change_and_keeps_them_when_the_new_file_is_broken(
        server_bin, tmp_path, pb2):  # pb2: generates the stubs `formula` imports
    config = tmp_path / "rules.json"
    config.write_text(json.dumps({"assessment": {"loss_rate_formula": "concluded",
                                                 "escalation": {"threshold": "10%"}}}))
    server = Server([server_bin, "--in-memory", "--port", "0", "--config", config])
    try:
        assert formula(server) == "loss_rate.concluded"
        config.write_text(json.dumps({"assessment": {"loss_rate_formula": "merits",
                                                     "escalation": {"threshold": "12%"}}}))
        server.proc.send_signal(signal.SIGHUP)
        changes = wait_for_log(server, lambda e: e.get("message", "").startswith("rules reloaded"))
        messages = sorted(e["message"] for e in changes)
        assert messages == ['rules reloaded: assessment.escalation.threshold: "10%" → "12%"',
                            'rules reloaded: assessment.loss_rate_formula: "concluded" → "merits"']
        assert formula(server) == "loss_rate.merits"

        config.write_text('{"assessment": {"loss_rate_formula": "median"}}')
        server.proc.send_signal(signal.SIGHUP)
        [refused] = wait_for_log(server, lambda e: e.get("message", "").startswith("rules not reloaded"))
        assert "loss_rate_formula" in refused["message"] and "median" in refused["message"]
        assert formula(server) == "loss_rate.merits"  # the previous rules stay in force
        assert server.proc.poll() is None
    finally:
        server.stop()


def test_a_misspelt_section_or_server_key_is_refused_at_start_naming_it(server_bin, tmp_path):
    for content, named in [({"assesment": {"loss_rate_formula": "merits"}}, '"assesment"'),
                           ({"server": {"prot": 50051}}, "server.prot")]:
        config = tmp_path / "bad.json"
        config.write_text(json.dumps(content))
        run = subprocess.run([str(server_bin), "--in-memory", "--config", str(config)],
                             capture_output=True, text=True, timeout=30)
        assert run.returncode != 0
        assert named in run.stderr, run.stderr
