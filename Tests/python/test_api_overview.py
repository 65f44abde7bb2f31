"""docs/api-overview.md is generated from the protos' comments by tools/api_overview.py; these tests
regenerate it into a temporary file and fail when the committed page is stale, and check that the
generator really covers every RPC and every request field the protos declare."""

import difflib
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "api-overview.md"
FIX = "make api-docs   (or: .venv/bin/python tools/api_overview.py), then commit docs/api-overview.md"


def generate(path):
    # The same interpreter as the test (the venv's, with grpc_tools), as `make api-docs` uses.
    subprocess.run([sys.executable, str(ROOT / "tools" / "api_overview.py"), str(path)], cwd=ROOT, check=True,
                   timeout=300)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The page as the protos generate it now, made once for the tests below."""
    return generate(tmp_path_factory.mktemp("api") / "api-overview.md")


def test_the_committed_api_overview_is_what_the_protos_generate(fresh):
    committed = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if fresh != committed:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                                 "docs/api-overview.md (committed)", "generated now"))[:60])
        raise AssertionError(f"docs/api-overview.md is stale; regenerate it with:\n    {FIX}\n\n{diff}")


def test_generating_twice_gives_the_same_bytes(fresh, tmp_path):
    assert generate(tmp_path / "again.md") == fresh


def test_every_rpc_and_every_request_field_in_the_protos_is_on_the_page(fresh):
    """Read from the .proto text with a regex, independently of the generator's descriptor walk."""
    page = fresh
    sections = {m.group(1): m.start() for m in re.finditer(r"^### (\w+\.\w+)$", page, re.M)}
    protos = sorted((ROOT / "proto" / "shuangjiang").rglob("*.proto"))
    messages = {}
    for proto in protos:
        text = proto.read_text(encoding="utf-8")
        for m in re.finditer(r"^message (\w+) \{(\}|\n.*?^\})", text, re.M | re.S):
            # The message's own fields (oneof members too), not those of messages nested in it.
            body = re.sub(r"^  (message|enum) \w+ \{.*?^  \}", "", m.group(2), flags=re.M | re.S)
            messages[m.group(1)] = re.findall(r"^ +(?:repeated )?[\w.]+(?:<[\w., ]+>)? (\w+) = \d+;", body, re.M)
    rpcs = 0
    for proto in protos:
        text = proto.read_text(encoding="utf-8")
        for service in re.finditer(r"^service (\w+) \{\n(.*?)^\}", text, re.M | re.S):
            for rpc in re.finditer(r"rpc (\w+)\((?:stream )?(\w+)\)", service.group(2)):
                rpcs += 1
                heading = f"{service.group(1)}.{rpc.group(1)}"
                assert heading in sections, f"no section for {heading}"
                start = sections[heading]
                end = min([s for s in sections.values() if s > start], default=len(page))
                section = page[start:end]
                for field in messages[rpc.group(2)]:
                    assert f"| `{field}` |" in section, f"{heading}: request field {field} missing"
    assert rpcs >= 30, f"found only {rpcs} RPCs in proto/: the regex no longer reads the protos"
    # The RPC's own comment is there, not only its name: CreateRegion's opening words.
    assert "Creates a region (the city or a county/district 区县)." in page
