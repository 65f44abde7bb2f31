"""Accountability from a stock Python grpcio client, following assessment's alerts over gRPC.

Imports a county's cases through intake; assessment raises CASE_LOST alerts, a quarterly crossing
and a HIGH_RISK_CASE; accountability opens a referral per lost case, an interview (约谈) and a
supervised item by itself. A supervised item opened by hand is reminded and escalated by the timer
on the wall clock. Runs both
ways the server is deployed: every service in one process, and each service in its own process
(assessment pointed at intake, accountability at assessment and intake), where accountability is
SIGKILLed and restarted while alerts arrive and must act on each exactly once.
"""

import importlib
import json
import time

import grpc
import pytest
from google.protobuf import duration_pb2, timestamp_pb2

from test_assessment import county_with_agency, import_rows
from test_intake import TIMEOUT, Server, server_bin  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def pb(pb2):
    pb2("shuangjiang.accountability.v1.Referral")
    names = {"intake": ("regions", "agencies", "cases", "case_events", "case_types", "case_import", "events"),
             "assessment": ("indicators", "alerts", "warnings"),
             "accountability": ("referrals", "escalations", "supervisions", "stats")}
    modules = {f"{service}_{name}": importlib.import_module(f"shuangjiang.{service}.v1.{name}_pb2")
               for service, files in names.items() for name in files}
    modules["common"] = importlib.import_module("shuangjiang.common.v1.common_pb2")
    modules["intake_grpc"] = importlib.import_module("shuangjiang.intake.v1.intake_service_pb2_grpc")
    modules["assessment_grpc"] = importlib.import_module("shuangjiang.assessment.v1.assessment_service_pb2_grpc")
    modules["accountability_grpc"] = importlib.import_module(
        "shuangjiang.accountability.v1.accountability_service_pb2_grpc")
    return type("Protos", (), modules)


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """History loaded in one burst is judged a second after it is in, not a minute."""
    path = tmp_path_factory.mktemp("config") / "rules.json"
    # Risk on plaintiffs alone: a case with five is red at once.
    weights = {name: 0 for name in ("agency_loss_history", "category_loss_rate", "no_head_appearance",
                                    "mediation_failed", "prior_reconsideration_correction", "related_opinion",
                                    "time_open")}
    weights["multiple_plaintiffs"] = 50
    path.write_text(json.dumps({"assessment": {"settle_seconds": 1, "case_risk": {
                                    "weights": weights, "red_threshold": 40, "yellow_threshold": 20}},
                                "accountability": {"supervision": {"due_days": 30, "reminder_lead_hours": 24}}}))
    return path


def eventually(read, done, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def referrals(pb, stub):
    found, token = [], ""
    while True:
        page = stub.ListReferrals(pb.accountability_referrals.ListReferralsRequest(page_token=token), timeout=TIMEOUT)
        found += page.referrals
        token = page.next_page_token
        if not token:
            return found


def escalations(pb, stub):
    return list(stub.ListEscalations(pb.accountability_escalations.ListEscalationsRequest(), timeout=TIMEOUT).escalations)


def after(seconds):
    stamp = timestamp_pb2.Timestamp()
    stamp.FromNanoseconds(time.time_ns() + int(seconds * 1e9))
    return stamp


def test_an_intake_event_becomes_a_referral_an_escalation_and_a_supervised_item_in_one_process(
        server_bin, pb, config):
    server = Server([server_bin, "--port", "0", "--in-memory", "--config", config])
    try:
        intake = pb.intake_grpc.IntakeServiceStub(server.channel)
        accountability = pb.accountability_grpc.AccountabilityServiceStub(server.channel)
        R = pb.accountability_referrals
        county, agency = county_with_agency(pb, intake)
        import_rows(pb, intake, county, agency, first=1, count=20, losses=4)  # 2022 Q3: 20 %

        found = eventually(lambda: referrals(pb, accountability), lambda r: len(r) == 4)
        assert len(found) == 4
        assert all(r.steps[0].performed_by == "system" and r.step == R.REFERRAL_STEP_REFERRED for r in found)
        assert all(r.source.WhichOneof("origin") == "alert_sequence" and r.case_id for r in found)
        # The second and later losses of the agency within the year are aggravated, naming the cases.
        assert [len(r.repeated_loss.case_ids) for r in found] == [0, 2, 3, 4]
        crossing = eventually(lambda: escalations(pb, accountability), lambda e: len(e) == 1)
        assert [(e.kind, e.region_id, e.quarter.index, e.convener) for e in crossing] == [
            (pb.common.ESCALATION_KIND_INTERVIEW, county.id, 3, "市政府分管副市长")]

        # The same case by hand: ALREADY_EXISTS naming the referral the system opened.
        by_hand = R.OpenReferralRequest(
            request_id="by-hand", source=R.ReferralSource(case_id=found[0].case_id), region_id=county.id,
            agency_id=agency.id, reason="败诉", performed_by="市司法局 张三")
        with pytest.raises(grpc.RpcError) as error:
            accountability.OpenReferral(by_hand, timeout=TIMEOUT)
        assert error.value.code() == grpc.StatusCode.ALREADY_EXISTS and found[0].id in error.value.details()
        # Every bad field at once, an empty document reference among them.
        manual = R.OpenReferralRequest(
            request_id="bad", source=R.ReferralSource(manual=R.ManualSource(description="来信")),
            region_id=county.id, agency_id=agency.id, reason="", performed_by="x", document_references=[""])
        with pytest.raises(grpc.RpcError) as error:
            accountability.OpenReferral(manual, timeout=TIMEOUT)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        for field in ("source.manual.document_reference", "reason", "document_references[0]"):
            assert field in error.value.details()

        # A step skipped is FAILED_PRECONDITION naming where the referral is; the next one is taken.
        decision = R.DecisionExecuted(decision_document="宿纪发〔2024〕1号", executed_on=pb.common.Date(
            year=2024, month=1, day=2))
        with pytest.raises(grpc.RpcError) as error:
            accountability.AdvanceReferral(R.AdvanceReferralRequest(
                referral_id=found[0].id, expected_step=R.REFERRAL_STEP_REFERRED, request_id="skip",
                performed_by="纪委", decision_executed=decision), timeout=TIMEOUT)
        assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "REFERRED" in error.value.details()
        investigating = accountability.AdvanceReferral(R.AdvanceReferralRequest(
            referral_id=found[0].id, expected_step=R.REFERRAL_STEP_REFERRED, request_id="investigate",
            performed_by="市纪委监委", document_references=["宿纪函〔2024〕9号"],
            investigation_started=R.InvestigationStarted(investigator="第三审查调查室", started_on=pb.common.Date(
                year=2024, month=1, day=1))), timeout=TIMEOUT)
        assert investigating.step == R.REFERRAL_STEP_INVESTIGATING and investigating.version == 2

        # An open case with five plaintiffs turns red: the system supervises it.
        S = pb.accountability_supervisions
        types = pb.intake_case_types
        red = intake.FileCase(pb.intake_cases.FileCaseRequest(
            request_id="red", kind=types.CASE_KIND_LITIGATION, instance=types.INSTANCE_FIRST,
            docket_number="(2022)苏13行初900号", category=types.CASE_CATEGORY_EXPROPRIATION,
            defendant_agency_id=agency.id, region_id=county.id, filed_on=pb.common.Date(year=2022, month=9, day=1),
            court_name="宿迁市中级人民法院", plaintiff_kind=types.PLAINTIFF_KIND_NATURAL_PERSON, plaintiff_count=5),
            timeout=TIMEOUT)
        supervised = eventually(lambda: accountability.ListSupervisions(
            S.ListSupervisionsRequest(case_id=red.id), timeout=TIMEOUT).supervisions, lambda s: len(s) == 1)
        assert [(s.opened_by, s.kind, s.state) for s in supervised] == [
            ("system", S.SUPERVISION_KIND_LISTED, S.SUPERVISION_STATE_ACTIVE)]
        assert supervised[0].due_at.seconds - supervised[0].created_at.seconds <= 30 * 86400

        # A supervised item due in 3 s, reminded 2 s before: the timer raises both on the wall clock.
        supervision = accountability.OpenSupervision(S.OpenSupervisionRequest(
            request_id="supervise", kind=S.SUPERVISION_KIND_LISTED, case_id=found[1].case_id, region_id=county.id,
            owner_name="县长", owner_position="县政府县长", plan="一案一策", due_at=after(3),
            reminder_lead=duration_pb2.Duration(seconds=2), opened_by="市司法局"), timeout=TIMEOUT)
        overdue = eventually(
            lambda: accountability.GetSupervision(S.GetSupervisionRequest(id=supervision.id), timeout=TIMEOUT),
            lambda s: s.state == S.SUPERVISION_STATE_OVERDUE)
        assert [n.kind for n in overdue.notices] == [S.SUPERVISION_NOTICE_KIND_REMINDER,
                                                   S.SUPERVISION_NOTICE_KIND_OVERDUE]

        today = time.localtime()
        stats = accountability.GetAccountabilityStats(pb.accountability_stats.GetAccountabilityStatsRequest(
            period=pb.common.Period(kind=pb.common.PERIOD_KIND_YEAR, year=today.tm_year)), timeout=TIMEOUT)
        assert (stats.clues_referred, stats.supervisions_opened) == (4, 2)
        # This month is not over: its batch cannot be compiled yet.
        with pytest.raises(grpc.RpcError) as error:
            accountability.CompileMonthlyBatch(R.CompileMonthlyBatchRequest(
                request_id="batch", compiled_by="市司法局",
                month=pb.common.Period(kind=pb.common.PERIOD_KIND_MONTH, year=today.tm_year, index=today.tm_mon)),
                timeout=TIMEOUT)
        assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    finally:
        server.stop()


def test_accountability_in_its_own_process_survives_kill_9_and_acts_on_every_alert_once(
        server_bin, pb, config, tmp_path):
    intake_server = Server([server_bin, "--port", "0", "--services", "intake", "--data-dir", tmp_path / "intake"])
    intake_address = f"127.0.0.1:{intake_server.port}"
    assessment_server = Server([server_bin, "--port", "0", "--services", "assessment", "--intake-address",
                                intake_address, "--config", config, "--data-dir", tmp_path / "assessment"])
    accountability_args = [server_bin, "--port", "0", "--services", "accountability", "--assessment-address",
                           f"127.0.0.1:{assessment_server.port}", "--intake-address", intake_address,
                           "--config", config, "--data-dir", tmp_path / "accountability"]
    accountability_server = Server(accountability_args)
    try:
        intake = pb.intake_grpc.IntakeServiceStub(intake_server.channel)
        assessment = pb.assessment_grpc.AssessmentServiceStub(assessment_server.channel)
        county, agency = county_with_agency(pb, intake)
        import_rows(pb, intake, county, agency, first=1, count=200, losses=30)
        accountability_server.kill9()  # most likely while the alerts stream in
        import_rows(pb, intake, county, agency, first=201, count=100, losses=11, quarter=4)  # 11 %
        accountability_server = Server(accountability_args)
        accountability = pb.accountability_grpc.AccountabilityServiceStub(accountability_server.channel)

        lost = eventually(lambda: [a for a in assessment.WatchAlerts(
            pb.assessment_alerts.WatchAlertsRequest(stop_at_head=True), timeout=TIMEOUT)
            if a.kind == pb.assessment_alerts.ALERT_KIND_CASE_LOST], lambda a: len(a) == 41)
        assert len(lost) == 41
        found = eventually(lambda: referrals(pb, accountability), lambda r: len(r) >= 41)
        assert sorted(r.case_id for r in found) == sorted(a.case_lost.case_id for a in lost)
        assert len({r.source.alert_sequence for r in found}) == 41
        crossings = eventually(lambda: escalations(pb, accountability), lambda e: len(e) == 2)
        assert [e.kind for e in crossings] == [pb.common.ESCALATION_KIND_INTERVIEW,
                                               pb.common.ESCALATION_KIND_SELF_CRITICISM]
        # Assessment going away leaves accountability serving what it has.
        assessment_server.kill9()
        assert len(referrals(pb, accountability)) == 41
    finally:
        accountability_server.stop()
        if assessment_server.proc.poll() is None:
            assessment_server.stop()
        intake_server.stop()
