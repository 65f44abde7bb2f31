"""Assessment from a stock Python grpcio client, following intake over gRPC.

Files a county's cases through intake, then reads figures from assessment with
min_intake_sequence (the feed head after the writes), so the answer includes them. Runs both ways
the server is deployed: every service in one process, and intake and assessment as separate
processes (assessment pointed at intake with --intake-address), where assessment is SIGKILLed and
restarted mid-stream and must apply every change exactly once.
"""

import importlib
import signal
import time

import grpc
import pytest

from test_intake import TIMEOUT, Server, date, server_bin  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def pb(pb2):
    pb2("shuangjiang.assessment.v1.Alert")
    names = {"intake": ("regions", "agencies", "cases", "case_events", "case_types", "case_import", "events"),
             "assessment": ("indicators", "alerts", "warnings")}
    modules = {f"{service}_{name}": importlib.import_module(f"shuangjiang.{service}.v1.{name}_pb2")
               for service, files in names.items() for name in files}
    modules["common"] = importlib.import_module("shuangjiang.common.v1.common_pb2")
    modules["intake_grpc"] = importlib.import_module("shuangjiang.intake.v1.intake_service_pb2_grpc")
    modules["assessment_grpc"] = importlib.import_module("shuangjiang.assessment.v1.assessment_service_pb2_grpc")
    return type("Protos", (), modules)


def county_with_agency(pb, intake):
    intake.CreateRegion(pb.intake_regions.CreateRegionRequest(
        request_id="city", name="宿迁市", region_kind=pb.intake_regions.REGION_KIND_CITY, division_code="321300"),
        timeout=TIMEOUT)
    county = intake.CreateRegion(pb.intake_regions.CreateRegionRequest(
        request_id="shuyang", name="沭阳县", region_kind=pb.intake_regions.REGION_KIND_COUNTY, division_code="321322"),
        timeout=TIMEOUT)
    agency = intake.CreateAgency(pb.intake_agencies.CreateAgencyRequest(
        request_id="gov", name="沭阳县人民政府", agency_type=pb.intake_agencies.AGENCY_TYPE_PEOPLES_GOVERNMENT,
        level=pb.intake_agencies.AGENCY_LEVEL_COUNTY, region_id=county.id), timeout=TIMEOUT)
    return county, agency


def import_rows(pb, intake, county, agency, first, count, losses, year=2022, quarter=3):
    """`count` first-instance cases numbered from `first`, the first `losses` of them lost."""
    types = pb.intake_case_types

    def rows():
        for i in range(first, first + count):
            filing = pb.intake_cases.FileCaseRequest(
                request_id=f"case-{i}", kind=types.CASE_KIND_LITIGATION, instance=types.INSTANCE_FIRST,
                docket_number=f"({year})苏13行初{i}号", category=types.CASE_CATEGORY_PENALTY,
                defendant_agency_id=agency.id, region_id=county.id, filed_on=date(pb, year, quarter * 3 - 2, 2),
                court_name="宿迁市中级人民法院", plaintiff_kind=types.PLAINTIFF_KIND_NATURAL_PERSON)
            outcome = types.CASE_OUTCOME_REVOKED if i - first < losses else types.CASE_OUTCOME_CLAIM_DISMISSED
            concluded = pb.intake_case_events.Concluded(
                outcome=outcome, concluded_on=date(pb, year, quarter * 3 - 1, 10), instance=types.INSTANCE_FIRST)
            yield pb.intake_case_import.ImportCasesRequest(
                row_number=i, filing=filing, events=[pb.intake_case_events.CaseEvent(concluded=concluded)])

    response = intake.ImportCases(rows(), timeout=60)
    assert response.rejected_count == 0, response


def head(pb, intake):
    return intake.GetFeedHead(pb.intake_events.GetFeedHeadRequest(), timeout=TIMEOUT).sequence


def indicators(pb, assessment, county, at_least, year=2022, timeout=TIMEOUT):
    request = pb.assessment_indicators.GetIndicatorsRequest(
        scope=pb.common.Scope(region_id=county.id),
        period=pb.common.Period(kind=pb.common.PERIOD_KIND_YEAR, year=year), min_intake_sequence=at_least)
    return assessment.GetIndicators(request, timeout=timeout)


def test_figures_include_a_clients_own_writes_when_it_asks_for_them(server_bin, pb):
    server = Server([server_bin, "--port", "0", "--in-memory"])
    try:
        intake = pb.intake_grpc.IntakeServiceStub(server.channel)
        assessment = pb.assessment_grpc.AssessmentServiceStub(server.channel)
        county, agency = county_with_agency(pb, intake)
        import_rows(pb, intake, county, agency, first=1, count=40, losses=3)
        response = indicators(pb, assessment, county, at_least=head(pb, intake))
        assert (response.current.loss_rate.numerator, response.current.loss_rate.denominator) == (3, 40)
        assert response.current.loss_rate.formula == "loss_rate.concluded"
        assert response.current.case_volume == 40
        assert response.intake_sequence >= head(pb, intake)
        # Beyond the head, with a short deadline: assessment says how far behind it is.
        with pytest.raises(grpc.RpcError) as error:
            indicators(pb, assessment, county, at_least=head(pb, intake) + 100, timeout=0.5)
        assert error.value.code() in (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.DEADLINE_EXCEEDED)
        # Every loss raised one case-lost alert, in sequence order with no gap.
        alerts = list(assessment.WatchAlerts(
            pb.assessment_alerts.WatchAlertsRequest(after_sequence=0, stop_at_head=True), timeout=TIMEOUT))
        lost = [a for a in alerts if a.kind == pb.assessment_alerts.ALERT_KIND_CASE_LOST]
        assert len(lost) == 3
        assert [a.sequence for a in alerts] == list(range(1, len(alerts) + 1))
    finally:
        server.stop()


def test_assessment_in_its_own_process_survives_kill_9_and_applies_every_change_once(server_bin, pb, tmp_path):
    intake_server = Server([server_bin, "--port", "0", "--services", "intake", "--data-dir", tmp_path / "intake"])
    address = f"127.0.0.1:{intake_server.port}"
    assessment_args = [server_bin, "--port", "0", "--services", "assessment", "--intake-address", address,
                       "--data-dir", tmp_path / "assessment"]
    assessment_server = Server(assessment_args)
    try:
        intake = pb.intake_grpc.IntakeServiceStub(intake_server.channel)
        county, agency = county_with_agency(pb, intake)
        import_rows(pb, intake, county, agency, first=1, count=300, losses=30)
        assessment_server.kill9()  # most likely mid-stream: 300 cases are several hundred changes
        import_rows(pb, intake, county, agency, first=301, count=200, losses=10)
        assessment_server = Server(assessment_args)
        assessment = pb.assessment_grpc.AssessmentServiceStub(assessment_server.channel)
        response = indicators(pb, assessment, county, at_least=head(pb, intake), timeout=30)
        assert (response.current.loss_rate.numerator, response.current.loss_rate.denominator) == (40, 500)
        assert response.current.case_volume == 500
        alerts = list(assessment.WatchAlerts(
            pb.assessment_alerts.WatchAlertsRequest(after_sequence=0, stop_at_head=True), timeout=TIMEOUT))
        assert sum(a.kind == pb.assessment_alerts.ALERT_KIND_CASE_LOST for a in alerts) == 40
        # Intake going away leaves assessment serving what it has.
        intake_server.kill9()
        again = indicators(pb, assessment, county, at_least=0)
        assert again.current.loss_rate.numerator == 40
    finally:
        assessment_server.stop()
        if intake_server.proc.poll() is None:
            intake_server.stop()
