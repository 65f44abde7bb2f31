"""The real `sjctl` binary against a real `shuangjiang-server --in-memory --port 0`.

Covers what a person sees: every RPC reachable and an example in every command's help; a small city
made from the command line (region, agency, case, its conclusion) and read back as tables and as proto3
JSON that protobuf's own parser accepts; the indicators it yields; an INVALID_ARGUMENT with each field
violation on its own line; the exit codes (1 refused, 2 usage, 3 unreachable); a CSV import with a
rejected row named by its line, and the same file as GB18030; `watch alerts --from 0` printing an alert
live and ending cleanly when terminated.

Set SJ_BIN_DIR to run against executables built elsewhere.
"""

import json
import os
import pathlib
import queue
import re
import signal
import socket
import subprocess
import threading

import pytest
from google.protobuf import json_format

from test_intake import Server, server_bin  # noqa: F401 (fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds for any one sjctl run: generous, for a loaded 2-core machine


@pytest.fixture(scope="module")
def sjctl_bin(request):
    override = os.environ.get("SJ_BIN_DIR")
    if override:
        path = pathlib.Path(override) / "sjctl"
        assert path.exists(), f"{path} does not exist (SJ_BIN_DIR={override})"
        return path
    return request.getfixturevalue("swift_tool")("sjctl")


@pytest.fixture(scope="module")
def server(server_bin):  # noqa: F811 (fixture)
    server = Server([server_bin, "--port", "0", "--in-memory"])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def run(sjctl_bin, server):
    """Runs sjctl against the server; returns the CompletedProcess (text)."""

    def run(*args, server_address=None, stdin=None):
        address = server_address or f"127.0.0.1:{server.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SJ_")}
        env["SJ_SERVER"] = address
        return subprocess.run([str(sjctl_bin), *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT,
                              env=env, input=stdin)

    return run


def ok(result):
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def city(run):
    """A city, a district, an agency and one case lost at first instance, made with sjctl."""
    made = {}
    for name, kind, code in (("宿迁市", "city", "321300"), ("宿城区", "district", "321302")):
        region = json.loads(ok(run("intake", "regions", "create", "--name", name, "--kind", kind,
                                   "--division-code", code, "--json")))
        made[kind] = region["id"]
    agency = json.loads(ok(run("intake", "agencies", "create", "--name", "宿城区市场监督管理局", "--type",
                               "market-regulation", "--level", "county", "--region", made["district"], "--json")))
    made["agency"] = agency["id"]
    filed = json.loads(ok(run("intake", "cases", "file", "--docket", "(2024)苏1302行初15号", "--category", "行政处罚",
                              "--agency", made["agency"], "--filed-on", "2024-03-05", "--court", "宿城区人民法院",
                              "--plaintiff-kind", "natural-person", "--json")))
    # --region was left out: sjctl looked up the agency's region.
    assert filed["regionId"] == made["district"] and filed["version"] == "1"
    made["case"] = filed["id"]
    concluded = json.loads(ok(run("intake", "cases", "record-event", "concluded", made["case"], "--outcome", "撤销",
                                  "--on", "2024-06-30", "--json")))
    assert concluded["isLoss"] is True and concluded["state"] == "CASE_STATE_CONCLUDED"
    return made


def test_every_rpc_has_a_command_and_every_command_has_an_example(run):
    methods = set()
    for proto in (ROOT / "proto" / "shuangjiang").glob("*/v1/*_service.proto"):
        text = proto.read_text()
        service = re.search(r"^service (\w+)", text, re.M).group(1)
        methods |= {f"{service}/{m}" for m in re.findall(r"^\s*rpc (\w+)\(", text, re.M)}
    assert len(methods) == 39
    mapping = [line.split("\t") for line in ok(run("rpc-map")).splitlines()]
    assert methods <= {rpc for rpc, _ in mapping}, f"no command for {sorted(methods - {r for r, _ in mapping})}"

    commands = {()}
    for _, path in mapping:
        words = tuple(path.split()[1:])
        commands |= {words[:n] for n in range(1, len(words) + 1)}
    commands |= {("report",), ("import",), ("watch",)}
    for words in sorted(commands):
        shown = ok(run(*words, "--help"))
        assert "Example" in shown and "sjctl " in shown.split("Example", 1)[1], f"no example in sjctl {' '.join(words)} --help"


def test_people_read_tables_and_key_value_blocks(run, city):
    regions = ok(run("intake", "regions", "list")).splitlines()
    assert regions[0].split() == ["ID", "NAME", "KIND", "DIVISION", "PARENT"]
    assert any("宿城区" in line and "district (区)" in line for line in regions)
    cases = ok(run("intake", "cases", "list", "--region", city["district"]))
    assert "(2024)苏1302行初15号" in cases and "revoked" in cases and "loss" in cases
    shown = ok(run("intake", "cases", "get", city["case"]))
    assert re.search(r"^final outcome\s+revoked \(撤销\)$", shown, re.M), shown
    assert re.search(r"^is loss\s+yes$", shown, re.M), shown


def test_indicators_show_the_exact_pair_first(run, city):
    shown = ok(run("assessment", "indicators", "--scope", f"region:{city['district']}", "--period", "2024Q2",
                   "--fresh"))
    assert re.search(r"^loss rate, concluded \(败诉率\)\s+1/1 \(100%\)\s+0/0 \(undefined\)$", shown, re.M), shown
    figures = json.loads(ok(run("assessment", "indicators", "--scope", "city", "--period", "2024", "--fresh",
                                "--json")))
    assert figures["current"]["lossRate"] == {"numerator": "1", "denominator": "1", "formula": "loss_rate.concluded",
                                              "value": 1}
    assert figures["doubleDecline"]["verdict"] == "DOUBLE_DECLINE_VERDICT_UNDETERMINED"


def test_json_output_is_proto3_json_that_protobuf_itself_parses(run, city, pb2):
    lines = ok(run("intake", "regions", "list", "--json")).splitlines()
    assert len(lines) == 2
    for line in lines:
        region = json_format.Parse(line, pb2("shuangjiang.intake.v1.Region")())
        assert region.id in (city["city"], city["district"])
    case = json_format.Parse(ok(run("intake", "cases", "get", city["case"], "--json")),
                             pb2("shuangjiang.intake.v1.Case")())
    assert case.docket_number == "(2024)苏1302行初15号" and case.events[0].concluded.concluded_on.day == 30
    head = json_format.Parse(ok(run("intake", "feed-head", "--json")), pb2("shuangjiang.intake.v1.FeedHead")())
    assert head.sequence >= 5


def test_a_refused_request_lists_each_field_violation_on_its_own_line(run, city):
    bad = run("intake", "regions", "create", "--name", "   ", "--kind", "county", "--division-code", "32")
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    assert lines[0] == "intake refused the request (INVALID_ARGUMENT): 2 fields are wrong", bad.stderr
    assert any(line.startswith("  name: ") for line in lines[1:]), bad.stderr
    assert any(line.startswith("  division_code: ") for line in lines[1:]), bad.stderr
    assert bad.stdout == ""
    missing = run("intake", "cases", "get", "case-999")
    assert missing.returncode == 1 and "intake refused the request (NOT_FOUND)" in missing.stderr


def test_exit_codes_tell_usage_from_refusal_from_unreachable(run, city):
    usage = run("intake", "regions", "create", "--name", "x", "--kind", "nonsense", "--division-code", "321399")
    assert usage.returncode == 2, usage.stderr
    assert usage.stdout == ""
    bad_period = run("assessment", "indicators", "--period", "2024Q5")
    assert bad_period.returncode == 2 and "2023Q1" in bad_period.stderr

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    unreachable = run("intake", "regions", "list", server_address=f"127.0.0.1:{closed}")
    assert unreachable.returncode == 3, unreachable.stderr
    assert f"could not reach intake at 127.0.0.1:{closed}" in unreachable.stderr
    assert "make run" in unreachable.stderr


CSV_HEADER = "docket_number,category,agency,filed_on,court_name,plaintiff_kind,outcome,concluded_on\n"


def test_import_reports_each_rejected_row_by_its_line_in_the_file(run, city, tmp_path):
    rows = (CSV_HEADER
            + "(2024)苏1302行初201号,penalty,宿城区市场监督管理局,2024-01-05,宿城区人民法院,natural-person,"
              "claim-dismissed,2024-04-11\n"
            + '(2024)苏1302行初202号,licensing,宿城区市场监督管理局,2024/1/6,"宿城区人民法院,\n第二法庭",'
              "legal-person,,\n"
            + "(2024)苏1302行初203号,nonsense,宿城区市场监督管理局,2024-01-07,宿城区人民法院,natural-person,,\n"
            + "(2024)苏1302行终204号,penalty,宿城区市场监督管理局,2024-01-08,宿城区人民法院,natural-person,,\n")
    path = tmp_path / "cases.csv"
    path.write_text(rows, encoding="utf-8")
    first = run("import", "cases", path)
    assert first.returncode == 1, first.stderr
    out = first.stdout
    assert "4 rows, 2 accepted, 2 rejected" in out, out
    # The second row's court spans two lines, so the bad rows are on lines 5 and 6, not 4 and 5.
    assert re.search(r"^line 5: sjctl could not read it:\n  category: \"nonsense\" is not one of", out, re.M), out
    assert re.search(r"^line 6: intake refused it \(INVALID_ARGUMENT\):\n  filing.docket_number: ", out, re.M), out
    assert "sending rows: 3 of 3" in first.stderr  # not a terminal: a plain count line

    again = run("import", "cases", path, "--json")
    assert again.returncode == 1
    report = json.loads(again.stdout)
    assert report["acceptedCount"] == "2" and report["rejectedCount"] == "2"
    assert sorted(r["rowNumber"] for r in report["results"] if r["replayed"]) == ["2", "3"]
    assert report["rejectedRowNumbers"] == ["5", "6"]


def test_a_gb18030_file_from_chinese_excel_is_recognised(run, city, tmp_path):
    path = tmp_path / "gb.csv"
    path.write_bytes((CSV_HEADER.replace("docket_number,category,agency", "案号,案由,被告")
                      + "(2024)苏1302行初301号,行政许可,宿城区市场监督管理局,2024-02-01,宿城区人民法院,法人,"
                        "驳回诉讼请求,2024-05-01\n").encode("gb18030"))
    result = run("import", "cases", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "read as GB18030" in result.stderr
    assert "1 rows, 1 accepted, 0 rejected" in result.stdout
    listed = ok(run("intake", "cases", "list", "--docket", "(2024)苏1302行初301号", "--json"))
    case = json.loads(listed)
    assert case["category"] == "CASE_CATEGORY_LICENSING" and case["defendantAgencyId"] == city["agency"]


def test_the_hint_for_the_next_page_comes_after_the_list_it_is_about(sjctl_bin, server, city):
    # Both streams into one pipe, as a terminal shows them: the table first, then how to go on.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SJ_")}
    listed = subprocess.run([str(sjctl_bin), "intake", "regions", "list", "--page-size", "1",
                             "--server", f"127.0.0.1:{server.port}"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT, env=env)
    assert listed.returncode == 0, listed.stdout
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("ID") and "--page-token" in lines[-1], lines
    assert sum("--page-token" in line for line in lines) == 1


def test_watch_alerts_prints_an_alert_live_and_ends_cleanly_when_terminated(sjctl_bin, server, city):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SJ_")}
    proc = subprocess.Popen([str(sjctl_bin), "watch", "alerts", "--from", "0", "--server", f"127.0.0.1:{server.port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout] + [lines.put(None)], daemon=True).start()
    try:
        seen = []
        while True:
            line = lines.get(timeout=TIMEOUT)
            assert line is not None, f"watch ended early: {seen} {proc.stderr.read()}"
            seen.append(line)
            if "case-lost" in line:
                break
        assert re.match(r"#\d+  \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?  case-lost  " + city["case"], line), line
        assert proc.poll() is None, "watch must keep following after the backlog"
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=TIMEOUT)
    assert code == 0, proc.stderr.read()


def test_the_docs_describe_every_csv_column_the_help_lists(run):
    shown = ok(run("import", "cases", "--help"))
    columns = re.findall(r"^  (\w+) \(", shown, re.M)
    assert "docket_number" in columns and "second_concluded_on" in columns
    docs = (ROOT / "docs" / "sjctl.md").read_text()
    missing = [column for column in columns if f"`{column}`" not in docs]
    assert not missing, f"docs/sjctl.md does not describe {missing}"
