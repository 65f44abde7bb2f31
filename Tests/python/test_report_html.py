"""`sjctl report --html` opened in headless Chromium.

A real shuangjiang-server (all three services, in memory) gets three counties from a stock grpcio
client: one with 3 of 40 cases lost in 2022Q3, one with 3 of 10 lost in 2022Q2 (over the 10 % line)
and an agency whose name is an HTML injection, and one with cases filed but none concluded. The
real `sjctl` binary writes the report page; Chromium (Debian package `chromium`, installed by
`make deps`) loads it from a file with every host name unresolvable, and the test checks it
rendered: Chromium exits 0, printed no console message (a page with a deliberate error shows what
one looks like, so the check cannot pass by not seeing them), and the DOM it built holds both charts
with their titles, the right bars and the threshold line, and nothing the page would fetch.
"""

import html.parser
import importlib
import pathlib
import shutil
import subprocess

import pytest

from test_assessment import county_with_agency, import_rows, pb  # noqa: F401 (fixture)
from test_intake import TIMEOUT, Server, date, server_bin  # noqa: F401 (fixture)

HOSTILE = '宿城区"<script>console.error(1)</script>&局'


def chromium():
    path = shutil.which("chromium")
    assert path, "chromium is not installed: `make deps` installs it (Debian package chromium)"
    return path


def dump_dom(page, profile):
    """Chromium's DOM of `page` after loading, and what it logged. Host names are mapped to
    nothing, so a page that tried to fetch anything would fail to (and the DOM check finds why)."""
    argv = [chromium(), "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
            f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", page.as_uri()]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=180)
    return done.returncode, done.stdout, done.stderr


def console_lines(stderr):
    # Chromium logs every console message and uncaught exception of the page as
    # `[pid:tid:time:INFO:CONSOLE:line] "message", source: URL (line)`; its own noise (D-Bus, GPU)
    # has other tags.
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class Elements(html.parser.HTMLParser):
    """Every start tag with its attributes and the text directly inside it, in order."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.open]}
        self.elements.append(element)
        if tag not in ("meta", "rect", "line", "br") or not self.get_starttag_text().endswith("/>"):
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.open]})

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index]["tag"] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1]["text"] += data


def svg_parts(elements, chart_id):
    """The elements of the <svg id=chart_id>, the svg itself first."""
    start = next(i for i, e in enumerate(elements) if e["tag"] == "svg" and e["attrs"].get("id") == chart_id)
    depth = len(elements[start]["parents"])
    parts = [elements[start]]
    for element in elements[start + 1:]:
        if len(element["parents"]) <= depth:
            break
        parts.append(element)
    return parts


def classes(element):
    return element["attrs"].get("class", "").split()


def load_city(pb, server):
    intake = pb.intake_grpc.IntakeServiceStub(server.channel)
    types = pb.intake_case_types
    shuyang, shuyang_gov = county_with_agency(pb, intake)
    import_rows(pb, intake, shuyang, shuyang_gov, first=1, count=40, losses=3)
    regions = pb.intake_regions
    agencies = pb.intake_agencies
    # A county over the line, whose agency's name would run a script if the page did not escape it.
    sucheng = intake.CreateRegion(regions.CreateRegionRequest(
        request_id="sucheng", name="宿城区", region_kind=regions.REGION_KIND_DISTRICT, division_code="321302"),
        timeout=TIMEOUT)
    hostile = intake.CreateAgency(agencies.CreateAgencyRequest(
        request_id="hostile", name=HOSTILE, agency_type=agencies.AGENCY_TYPE_HOUSING,
        level=agencies.AGENCY_LEVEL_COUNTY, region_id=sucheng.id), timeout=TIMEOUT)
    import_rows(pb, intake, sucheng, hostile, first=101, count=10, losses=3, quarter=2)
    # A county with cases filed and none concluded: no loss rate in any quarter.
    siyang = intake.CreateRegion(regions.CreateRegionRequest(
        request_id="siyang", name="泗阳县", region_kind=regions.REGION_KIND_COUNTY, division_code="321323"),
        timeout=TIMEOUT)
    siyang_gov = intake.CreateAgency(agencies.CreateAgencyRequest(
        request_id="siyang-gov", name="泗阳县人民政府", agency_type=agencies.AGENCY_TYPE_PEOPLES_GOVERNMENT,
        level=agencies.AGENCY_LEVEL_COUNTY, region_id=siyang.id), timeout=TIMEOUT)

    def open_rows():
        for i in range(201, 206):
            filing = pb.intake_cases.FileCaseRequest(
                request_id=f"open-{i}", kind=types.CASE_KIND_LITIGATION, instance=types.INSTANCE_FIRST,
                docket_number=f"(2022)苏13行初{i}号", category=types.CASE_CATEGORY_LICENSING,
                defendant_agency_id=siyang_gov.id, region_id=siyang.id, filed_on=date(pb, 2022, 11, 3),
                court_name="宿迁市中级人民法院", plaintiff_kind=types.PLAINTIFF_KIND_LEGAL_PERSON)
            yield pb.intake_case_import.ImportCasesRequest(row_number=i, filing=filing)

    assert intake.ImportCases(open_rows(), timeout=60).rejected_count == 0


def test_the_report_page_renders_in_chromium_with_its_charts_and_no_console_message(
        server_bin, swift_tool, pb, tmp_path):
    # What a page with an error looks like in Chromium's log, on this machine's Chromium.
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><meta charset="utf-8"><title>x</title>'
                      "<script>console.error('deliberate'); missingFunction();</script>", encoding="utf-8")
    code, _, stderr = dump_dom(broken, tmp_path / "profile-broken")
    assert code == 0, stderr
    logged = console_lines(stderr)
    assert any("deliberate" in line for line in logged) and any("missingFunction" in line for line in logged), stderr

    server = Server([server_bin, "--port", "0", "--in-memory"])
    try:
        load_city(pb, server)
        page = tmp_path / "report.html"
        done = subprocess.run(
            [str(swift_tool("sjctl")), "report", "--server", f"127.0.0.1:{server.port}", "--period", "2022",
             "--html", str(page)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "3/40 (7.5%)" in done.stdout and "3/10 (30%)" in done.stdout, done.stdout
        assert f"wrote {page}" in done.stderr
    finally:
        server.stop()

    source = page.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in source
    code, dom, stderr = dump_dom(page, tmp_path / "profile-report")
    assert code == 0, stderr
    assert console_lines(stderr) == [], stderr
    parser = Elements()
    parser.feed(dom)
    elements = parser.elements

    # Self-contained: nothing to fetch, no script, and the hostile name stayed text.
    assert not [e for e in elements if e["tag"] in ("script", "link", "img", "iframe", "object", "embed")]
    for element in elements:
        assert "src" not in element["attrs"], element
        href = element["attrs"].get("href")
        assert href is None or href.startswith("#"), element
        assert "url(" not in element["attrs"].get("style", "")
    assert HOSTILE in "".join(e["text"] for e in elements)
    assert "url(" not in "".join(e["text"] for e in elements if e["tag"] == "style")

    # The loss-rate chart: named, a bar for each county-quarter with a case concluded (沭阳县 Q3,
    # 宿城区 Q2), a no-data mark for the other ten, and the 10 % line with its label.
    loss = svg_parts(elements, "chart-loss-rate")
    assert loss[0]["attrs"].get("role") == "img" and loss[0]["attrs"].get("aria-label")
    assert loss[1]["tag"] == "title" and loss[1]["text"]
    bars = [e for e in loss if e["tag"] == "rect" and "bar" in classes(e)]
    assert len(bars) == 2
    assert len([e for e in loss if e["tag"] == "text" and "no-data" in classes(e)]) == 10
    line = next(e for e in loss if e["tag"] == "line" and "threshold" in classes(e))
    assert "10% 约谈线" in [e["text"] for e in loss if "threshold-label" in classes(e)]
    area = next(e for e in loss if "plot-area" in classes(e))
    top, height = float(area["attrs"]["y"]), float(area["attrs"]["height"])
    # The axis ends at 30 % (宿城区's 3/10), so 10 % is a third of the way up.
    assert abs(float(line["attrs"]["y1"]) - (top + height * 2 / 3)) < 0.01
    assert min(float(b["attrs"]["y"]) for b in bars) == top

    # The case-volume chart: a bar for every county and quarter, zeros included.
    volume = svg_parts(elements, "chart-case-volume")
    assert volume[0]["attrs"].get("aria-label") and volume[1]["tag"] == "title"
    assert len([e for e in volume if e["tag"] == "rect" and "bar" in classes(e)]) == 12
