"""The three services as three processes, end to end: the cluster `make cluster` runs, checked
against intake's own data.

The cluster comes from tools/cluster.py (the code behind `make cluster`), on ports the system
chooses, in a temporary directory; intake loads the small synthetic demo city (--demo-city
--demo-city-scale small: 322 case records, 57 opinion incidents, 2021-2022). Every expected figure
is computed here, in Python, from what intake returns (ListCases, its change feed, ListOpinions)
and the rules as docs/assessment.md and docs/accountability.md state them, never from assessment's
code. Then:

* assessment's case volume, cases concluded, losses and default loss-rate pair, and its
  three-colour warnings, equal them exactly, for the city, every region and agency, every year
  and quarter;
* its alert feed has no gap and nothing twice: each case-lost alert once, one crossing per region
  and quarter over the line, one RED warning per red unit and quarter;
* accountability opens one referral per case-lost alert and per incident with a missed deadline,
  one escalation per crossing (an interview, then self-criticism within the year), one supervision
  per high-risk case; a supervision is updated and closed out, a referral taken through its four
  steps, and the statistics agree with the referrals listed;
* assessment SIGKILLed while it is applying intake's feed, and restarted on its data directory,
  ends with exactly the expected figures and no alert twice;
* accountability SIGKILLed while alerts stream to it acts on every alert exactly once.

Every wait is a poll with a generous deadline: nothing here depends on the machine's speed.
"""

import collections
import datetime
import fractions
import importlib
import json
import pathlib
import statistics
import sys
import threading
import time

import grpc
import pytest
from google.protobuf import timestamp_pb2

from test_accountability import eventually, pb  # noqa: F401 (fixture)
from test_assessment import import_rows
from test_intake import TIMEOUT, server_bin  # noqa: F401 (fixture)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools"))
from cluster import SERVICES, Cluster  # noqa: E402

# History loaded in one burst is judged once the feed has been quiet this long (assessment's
# settle_seconds). Long enough that no pause inside the demo city's load is mistaken for its end.
SETTLE_SECONDS = 10
WAIT = 240  # seconds any condition may take to come true on a loaded machine
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
DEMO_YEARS = (2021, 2022)
TEN_PERCENT, FIVE_POINTS = fractions.Fraction(1, 10), fractions.Fraction(5, 100)
# Outcomes that are a loss (败诉), DESIGN.md "Cases".
LOSS_OUTCOMES = ("REVOKED", "PARTIALLY_REVOKED", "REVOKED_AND_REDO", "VARIED", "CONFIRMED_ILLEGAL",
                 "CONFIRMED_INVALID", "ORDERED_TO_PERFORM", "ORDERED_TO_PAY", "COMPENSATION_ORDERED",
                 "INDEMNITY_ORDERED", "ORDERED_TO_HONOUR_AGREEMENT", "COERCION_LIFTED")


# Calendar.

def day(date):
    return datetime.date(date.year, date.month, date.day)


def day_of(timestamp):
    return datetime.datetime.fromtimestamp(timestamp.seconds, SHANGHAI).date()


def today():
    return datetime.datetime.now(SHANGHAI).date()


def quarter_days(year, quarter):
    first = datetime.date(year, 3 * quarter - 2, 1)
    last = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - datetime.timedelta(1)
    return first, last


def periods(pb, years):
    """(Period message, first day, last day) for each year and each of its quarters."""
    C = pb.common
    for year in years:
        yield C.Period(kind=C.PERIOD_KIND_YEAR, year=year), datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        for quarter in range(1, 5):
            yield (C.Period(kind=C.PERIOD_KIND_QUARTER, year=year, index=quarter), *quarter_days(year, quarter))


def listed(call, request, field):
    """Every item of a paged List call."""
    found = []
    request.page_size = 500
    while True:
        response = call(request, timeout=TIMEOUT)
        found += getattr(response, field)
        if not response.next_page_token:
            return found
        request.page_token = response.next_page_token


# What intake's data says, by the rules as documented.

class Expected:
    """Figures computed from intake's own records: ListRegions, ListAgencies, ListCases."""

    def __init__(self, pb, intake):
        T = pb.intake_case_types
        self.pb = pb
        self.regions = listed(intake.ListRegions, pb.intake_regions.ListRegionsRequest(), "regions")
        self.agencies = listed(intake.ListAgencies, pb.intake_agencies.ListAgenciesRequest(), "agencies")
        self.losses = {T.CaseOutcome.Value(f"CASE_OUTCOME_{name}") for name in LOSS_OUTCOMES}
        # Only first-instance litigation records count in the loss rate and case volume.
        self.cases = [c for c in listed(intake.ListCases, pb.intake_cases.ListCasesRequest(), "cases")
                      if c.kind == T.CASE_KIND_LITIGATION and c.instance == T.INSTANCE_FIRST]
        # Counties, districts and zones (区县): the city region is never warned or judged against them.
        self.counties = [r for r in self.regions if r.region_kind != pb.intake_regions.REGION_KIND_CITY]

    def is_counted_loss(self, case):
        """The counted outcome is the effective one; while an appeal is pending (no final outcome
        yet, the first instance concluded) the first-instance judgment counts (docs/assessment.md)."""
        outcome = case.final_outcome or (case.first_instance_outcome if case.HasField("concluded_on") else 0)
        return outcome in self.losses

    def figures(self, first, last, region_id=None, agency_id=None):
        """(case volume, concluded, losses) for cases of the scope in [first, last]."""
        cases = [c for c in self.cases if (region_id is None or c.region_id == region_id)
                 and (agency_id is None or c.defendant_agency_id == agency_id)]
        volume = sum(first <= day(c.filed_on) <= last for c in cases)
        concluded = [c for c in cases if c.HasField("concluded_on") and first <= day(c.concluded_on) <= last]
        return volume, len(concluded), sum(self.is_counted_loss(c) for c in concluded)

    def warnings(self, first, last):
        """{unit id: level} by the default rules (warnings.proto): RED above 10 % or more than 5
        points above the peers' median (regions against regions, agencies against agencies of their
        level), YELLOW above the city's rate, GREEN otherwise and with nothing concluded."""
        C = self.pb.common

        def rate(**scope):
            _, concluded, losses = self.figures(first, last, **scope)
            return fractions.Fraction(losses, concluded) if concluded else None

        city = rate()
        units = [(r.id, 0, rate(region_id=r.id)) for r in self.counties]
        units += [(a.id, 1 + a.level, rate(agency_id=a.id)) for a in self.agencies]
        medians = {}
        for group in {g for _, g, _ in units}:
            defined = [r for _, g, r in units if g == group and r is not None]
            medians[group] = statistics.median(defined) if defined else None
        levels = {}
        for unit, group, value in units:
            median = medians[group]
            if value is None:
                levels[unit] = C.WARNING_LEVEL_GREEN
            elif value > TEN_PERCENT or (median is not None and value > median + FIVE_POINTS):
                levels[unit] = C.WARNING_LEVEL_RED
            elif city is not None and value > city:
                levels[unit] = C.WARNING_LEVEL_YELLOW
            else:
                levels[unit] = C.WARNING_LEVEL_GREEN
        return levels

    def crossings(self, years):
        """Each region's quarters whose loss rate exceeds 10 % (10 × losses > concluded), numbered
        within the calendar year: the first an interview (约谈), later ones self-criticism (检讨)."""
        C = self.pb.common
        found = []
        for region in self.counties:
            for year in years:
                occurrence = 0
                for quarter in range(1, 5):
                    _, concluded, losses = self.figures(*quarter_days(year, quarter), region_id=region.id)
                    if 10 * losses > concluded:
                        occurrence += 1
                        kind = C.ESCALATION_KIND_INTERVIEW if occurrence == 1 else C.ESCALATION_KIND_SELF_CRITICISM
                        found.append((region.id, year, quarter, occurrence, kind, losses, concluded))
        return sorted(found)


def ever_lost(pb, intake, expected):
    """Cases whose counted outcome was a loss at some point of intake's feed: each gets one
    CASE_LOST alert, even if an appeal reverses it later. Replays intake's change feed."""
    T = pb.intake_case_types
    lost = set()
    for event in intake.WatchEvents(pb.intake_events.WatchEventsRequest(stop_at_head=True), timeout=120):
        which = event.WhichOneof("change")
        if which == "case_filed":
            snapshot = event.case_filed
        elif which == "case_event_recorded" and event.case_event_recorded.HasField("case_snapshot"):
            snapshot = event.case_event_recorded.case_snapshot
        else:
            continue
        if (snapshot.kind == T.CASE_KIND_LITIGATION and snapshot.instance == T.INSTANCE_FIRST
                and expected.is_counted_loss(snapshot)):
            lost.add(snapshot.id)
    return lost


# The running cluster.

class City:
    """The cluster with one channel per service; a restarted service gets a new channel (grpcio's
    reconnect backoff would otherwise hold calls back for up to two minutes)."""

    def __init__(self, pb, cluster):
        self.pb = pb
        self.cluster = cluster
        self.channels = {}
        self.modules = {"intake": pb.intake_grpc.IntakeServiceStub,
                        "assessment": pb.assessment_grpc.AssessmentServiceStub,
                        "accountability": pb.accountability_grpc.AccountabilityServiceStub}
        self.opinions = importlib.import_module("shuangjiang.intake.v1.opinions_pb2")

    def stub(self, name):
        if name not in self.channels:
            self.channels[name] = grpc.insecure_channel(self.cluster.address(name))
        return self.modules[name](self.channels[name])

    @property
    def intake(self):
        return self.stub("intake")

    @property
    def assessment(self):
        return self.stub("assessment")

    @property
    def accountability(self):
        return self.stub("accountability")

    def kill(self, name):
        self.channels.pop(name).close()
        self.cluster.kill(name)

    def restart(self, name):
        self.cluster.start_service(name)

    def head(self):
        return self.intake.GetFeedHead(self.pb.intake_events.GetFeedHeadRequest(), timeout=TIMEOUT).sequence

    def indicators(self, period, scope, at_least=0):
        P = self.pb.assessment_indicators
        return self.assessment.GetIndicators(P.GetIndicatorsRequest(
            scope=scope, period=period, min_intake_sequence=at_least), timeout=60)

    def applied(self):
        """The intake sequence assessment's answers reflect now."""
        return self.applied_up_to(0)

    def applied_up_to(self, sequence):
        """Waits (within the call's deadline) until assessment has applied intake's feed up to
        `sequence`, and returns how far it has."""
        C = self.pb.common
        return self.indicators(C.Period(kind=C.PERIOD_KIND_YEAR, year=DEMO_YEARS[0]), C.Scope(city={}),
                               sequence).intake_sequence

    def alerts(self):
        """The whole alert feed, in sequence order."""
        return list(self.assessment.WatchAlerts(self.pb.assessment_alerts.WatchAlertsRequest(stop_at_head=True),
                                                timeout=60))

    def referrals(self):
        return listed(self.accountability.ListReferrals, self.pb.accountability_referrals.ListReferralsRequest(),
                      "referrals")

    def escalations(self):
        return listed(self.accountability.ListEscalations,
                      self.pb.accountability_escalations.ListEscalationsRequest(), "escalations")

    def supervisions(self):
        return listed(self.accountability.ListSupervisions,
                      self.pb.accountability_supervisions.ListSupervisionsRequest(), "supervisions")

    def missed_opinions(self):
        """Incidents intake says have missed a deadline, as of now."""
        return {o.id for o in listed(self.intake.ListOpinions, self.opinions.ListOpinionsRequest(
            missed_deadline_only=True), "opinions")}

    def settled(self, alerts):
        """Whether accountability has acted on every alert that opens something (what it lists
        equals what the alerts call for), so a check can start."""
        A = self.pb.assessment_alerts
        opening = {A.ALERT_KIND_CASE_LOST, A.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED, A.ALERT_KIND_HIGH_RISK_CASE}
        calls = {a.sequence for a in alerts if a.kind in opening}
        first_missed = {}
        for alert in alerts:
            if alert.kind == A.ALERT_KIND_OPINION_DEADLINE_MISSED:
                first_missed.setdefault(alert.opinion_deadline_missed.opinion_id, alert.sequence)
        calls |= set(first_missed.values())
        acted = {r.source.alert_sequence for r in self.referrals()} | {e.alert_sequence for e in self.escalations()}
        acted |= {s.alert_sequence for s in self.supervisions()}
        return calls <= acted


def alert_identity(pb, alert):
    """What makes an alert once-only (its kind and subject, and its period or deadline)."""
    A = pb.assessment_alerts
    subject = getattr(alert.subject, alert.subject.WhichOneof("target"))
    if alert.kind == A.ALERT_KIND_OPINION_DEADLINE_MISSED:
        return alert.kind, subject, alert.opinion_deadline_missed.deadline
    if alert.kind == A.ALERT_KIND_OPINION_DEADLINE_MISSED_WITHDRAWN:
        return alert.kind, alert.opinion_deadline_missed_withdrawn.withdrawn_sequence
    if alert.kind == A.ALERT_KIND_PROJECTED_CROSSING:
        quarter = alert.projected_crossing.quarter
        return alert.kind, subject, quarter.year, quarter.index
    if alert.kind in (A.ALERT_KIND_CASE_LOST, A.ALERT_KIND_HIGH_RISK_CASE):
        return alert.kind, subject
    return alert.kind, subject, alert.period.year, alert.period.index


def assert_each_alert_once(pb, alerts):
    assert [a.sequence for a in alerts] == list(range(1, len(alerts) + 1)), "the alert feed has a gap or a repeat"
    twice = [key for key, n in collections.Counter(alert_identity(pb, a) for a in alerts).items() if n > 1]
    assert not twice, f"alerts raised twice: {twice}"


def assert_indicators_match(city, expected, years, at_least, agencies=False):
    """GetIndicators equals the expected figures for the city and every region (and agency, for
    years) in each year and quarter, and the year-earlier figures beside them too."""
    C = city.pb.common
    scopes = [(C.Scope(city={}), {})] + [(C.Scope(region_id=r.id), {"region_id": r.id}) for r in expected.regions]
    agency_scopes = [(C.Scope(agency_id=a.id), {"agency_id": a.id}) for a in expected.agencies] if agencies else []
    for period, first, last in periods(city.pb, years):
        for scope, filters in scopes + (agency_scopes if period.kind == C.PERIOD_KIND_YEAR else []):
            response = city.indicators(period, scope, at_least)
            assert response.intake_sequence >= at_least
            got = response.current
            assert got.loss_rate.formula == "loss_rate.concluded"
            assert (got.case_volume, got.loss_rate.denominator, got.loss_rate.numerator) == \
                expected.figures(first, last, **filters), (period, filters)
            earlier = response.year_earlier
            assert (earlier.case_volume, earlier.loss_rate.denominator, earlier.loss_rate.numerator) == \
                expected.figures(first.replace(year=first.year - 1), last.replace(year=last.year - 1), **filters), \
                ("year earlier", period, filters)


class Burst(threading.Thread):
    """Files `count` first-instance cases (the first `losses` of them lost) through one ImportCases
    stream in the background: feed for a follower to be caught in the middle of. They are dated in
    a year whose quarters were all judged while the demo city settled, so they revise indicators
    and raise case-lost alerts but no crossing."""

    def __init__(self, city, expected, first, count, losses, quarter):
        super().__init__(daemon=True)
        county = expected.counties[0]
        agency = next(a for a in expected.agencies if a.region_id == county.id)
        self.call = lambda: import_rows(city.pb, city.intake, county, agency, first=first, count=count, losses=losses,
                                        year=today().year - 2, quarter=quarter)
        self.error = None

    def run(self):
        try:
            self.call()
        except BaseException as error:  # re-raised in the test's thread by finish()
            self.error = error

    def finish(self):
        self.join(timeout=WAIT)
        assert not self.is_alive(), "ImportCases did not finish"
        if self.error:
            raise self.error


def kill_mid_stream(city, name, behind, burst):
    """Runs bursts of intake writes, each bigger than the last, until `behind()` shows service
    `name` has applied some but not all of its upstream's feed, then SIGKILLs it there. `behind`
    reads the upstream's head first and the follower's position after it, and returns both when
    0 < position < head: at that moment the follower had not caught up with a head that already
    existed. Returns them."""
    for attempt in range(6):
        writer = burst(attempt)
        writer.start()
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            writing = writer.is_alive()  # before looking, so one look comes after the last write
            seen = behind()
            if seen:
                city.kill(name)
                print(f"{name} SIGKILLed at (applied, upstream) = {seen}, in burst {attempt}")
                writer.finish()
                return seen
            if not writing:
                break  # the follower kept up with this whole burst: try a bigger one
        writer.finish()
    pytest.fail(f"{name} was never seen behind its upstream in six bursts of intake writes")


# The cluster, loaded and settled, shared by the tests below (in file order: the kill tests last).

@pytest.fixture(scope="module")
def city(server_bin, pb, tmp_path_factory):  # noqa: F811 (fixtures)
    directory = tmp_path_factory.mktemp("cluster")
    rules = directory / "rules.json"
    rules.write_text(json.dumps({"assessment": {"settle_seconds": SETTLE_SECONDS}}))
    cluster = Cluster(directory, server_bin, ports=dict.fromkeys(SERVICES, 0), demo_city_scale="small", config=rules)
    cluster.start()
    city = City(pb, cluster)
    try:
        log = cluster.log_path("intake")
        loaded = eventually(lambda: log.read_text(), lambda text: "demo city loaded" in text or
                            "could not be loaded" in text, seconds=WAIT)
        assert "demo city loaded: 5 regions, 58 agencies, 322 case records, 57 opinion incidents" in loaded, loaded
        city.expected = Expected(pb, city.intake)
        city.crossings = city.expected.crossings(DEMO_YEARS)
        # Settled: assessment has applied intake's whole feed and judged every closed quarter (one
        # write judges them all, so the crossings are all there or none), and accountability has
        # acted on each alert that opens something.
        city.applied_up_to(city.head())
        kind = pb.assessment_alerts.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED
        alerts = eventually(city.alerts, lambda found: sum(a.kind == kind for a in found) >= len(city.crossings),
                            seconds=WAIT)
        assert sum(a.kind == kind for a in alerts) == len(city.crossings)
        assert eventually(lambda: city.settled(alerts), bool, seconds=WAIT)
        yield city
    finally:
        for channel in city.channels.values():
            channel.close()
        codes = cluster.stop()
    assert codes == dict.fromkeys(reversed(SERVICES), 0), f"not a clean exit after SIGTERM: {codes}"


def test_indicators_equal_what_intakes_cases_give(city):
    expected = city.expected
    assert len(expected.cases) > 200 and sum(expected.is_counted_loss(c) for c in expected.cases) > 15
    assert_indicators_match(city, expected, DEMO_YEARS, at_least=city.head(), agencies=True)


def test_three_colour_warnings_follow_the_rules_from_intakes_cases(city):
    W = city.pb.assessment_warnings
    seen = collections.Counter()
    for period, first, last in periods(city.pb, DEMO_YEARS):
        warnings = listed(city.assessment.ListWarnings, W.ListWarningsRequest(period=period), "warnings")
        got = {getattr(w.unit, w.unit.WhichOneof("unit")): w.level for w in warnings}
        assert got == city.expected.warnings(first, last), period
        seen.update(got.values())
    assert seen[city.pb.common.WARNING_LEVEL_RED] > 0 and seen[city.pb.common.WARNING_LEVEL_GREEN] > 0


def test_alerts_are_raised_once_each_and_accountability_acts_on_each(city):
    pb, expected = city.pb, city.expected
    A = pb.assessment_alerts
    # (Settled already, unless a month began meanwhile and its risk review raised new alerts.)
    alerts = eventually(city.alerts, city.settled, seconds=WAIT)
    assert_each_alert_once(pb, alerts)
    by_kind = collections.defaultdict(list)
    for alert in alerts:
        by_kind[alert.kind].append(alert)

    # A case-lost alert for every case whose counted outcome was ever a loss, and for no other.
    lost = [a.case_lost.case_id for a in by_kind[A.ALERT_KIND_CASE_LOST]]
    assert set(lost) == ever_lost(pb, city.intake, expected)
    assert {c.id for c in expected.cases if c.is_loss} <= set(lost)

    # A crossing alert and an escalation for every region-quarter over the line.
    crossed = sorted((a.loss_rate_threshold_crossed.region_id, a.period.year, a.period.index,
                      a.loss_rate_threshold_crossed.occurrence, a.loss_rate_threshold_crossed.escalation,
                      a.loss_rate_threshold_crossed.loss_rate.numerator,
                      a.loss_rate_threshold_crossed.loss_rate.denominator)
                     for a in by_kind[A.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED])
    assert crossed == city.crossings
    assert any(c[4] == pb.common.ESCALATION_KIND_SELF_CRITICISM for c in crossed), "no second crossing in a year"
    escalations = city.escalations()
    assert sorted((e.region_id, e.quarter.year, e.quarter.index, e.occurrence, e.kind, e.loss_rate.numerator,
                   e.loss_rate.denominator) for e in escalations) == city.crossings
    assert sorted(e.alert_sequence for e in escalations) == [a.sequence for a in
                                                             by_kind[A.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED]]

    # A RED warning alert for each unit red in a judged quarter.
    red = set()
    for period, first, last in periods(pb, DEMO_YEARS):
        if period.kind == pb.common.PERIOD_KIND_QUARTER:
            red |= {(unit, period.year, period.index) for unit, level in expected.warnings(first, last).items()
                    if level == pb.common.WARNING_LEVEL_RED}
    assert {alert_identity(pb, a)[1:] for a in by_kind[A.ALERT_KIND_RED_WARNING]} == red

    # Incidents with a deadline missed for good, as intake sees it, are those whose missed alert
    # was not withdrawn by a milestone recorded later.
    withdrawn = {a.opinion_deadline_missed_withdrawn.withdrawn_sequence
                 for a in by_kind[A.ALERT_KIND_OPINION_DEADLINE_MISSED_WITHDRAWN]}
    missed = by_kind[A.ALERT_KIND_OPINION_DEADLINE_MISSED]
    assert {a.opinion_deadline_missed.opinion_id for a in missed if a.sequence not in withdrawn} == \
        city.missed_opinions()

    # One referral per case-lost alert, one per incident with a missed deadline (its first alert),
    # and nothing else.
    referrals = city.referrals()
    assert all(r.source.WhichOneof("origin") == "alert_sequence" for r in referrals)
    first_missed = {}
    for alert in missed:
        first_missed.setdefault(alert.opinion_deadline_missed.opinion_id, alert.sequence)
    assert sorted((r.source.alert_sequence, r.case_id, r.opinion_id) for r in referrals) == sorted(
        [(a.sequence, a.case_lost.case_id, "") for a in by_kind[A.ALERT_KIND_CASE_LOST]]
        + [(sequence, "", opinion) for opinion, sequence in first_missed.items()])

    # One supervision per high-risk case, opened by the system.
    high_risk = by_kind[A.ALERT_KIND_HIGH_RISK_CASE]
    system = [s for s in city.supervisions() if s.opened_by == "system"]
    assert sorted((s.alert_sequence, s.case_id) for s in system) == sorted(
        (a.sequence, a.subject.case_id) for a in high_risk)


def test_a_supervision_is_updated_and_closed_a_referral_decided_and_the_statistics_agree(city):
    pb = city.pb
    S, R = pb.accountability_supervisions, pb.accountability_referrals
    accountability = city.accountability
    now = today()
    date = pb.common.Date(year=now.year, month=now.month, day=now.day)

    # A supervision the system opened from a high-risk alert: a new deadline, then close-out (销号).
    opened = next(s for s in city.supervisions() if s.opened_by == "system")
    assert opened.state == S.SUPERVISION_STATE_ACTIVE
    due = timestamp_pb2.Timestamp(seconds=opened.due_at.seconds + 7 * 86400)
    updated = accountability.UpdateSupervision(S.UpdateSupervisionRequest(
        supervision_id=opened.id, expected_version=opened.version, request_id="e2e-update", note="召开协调会",
        new_due_at=due, new_due_reason="原告补充证据", recorded_by="市司法局"), timeout=TIMEOUT)
    assert (updated.version, updated.due_at, len(updated.updates)) == (opened.version + 1, due, 1)
    assert updated.updates[0].previous_due_at == opened.due_at
    closed = accountability.CloseSupervision(S.CloseSupervisionRequest(
        supervision_id=opened.id, expected_version=updated.version, request_id="e2e-close",
        result=S.SUPERVISION_RESULT_RESOLVED, summary="实质化解", closed_by="市司法局"), timeout=TIMEOUT)
    assert closed.state == S.SUPERVISION_STATE_CLOSED and closed.close_out.result == S.SUPERVISION_RESULT_RESOLVED
    # Closed out, the case may be supervised anew, by hand: accountability checks it with intake.
    again = accountability.OpenSupervision(S.OpenSupervisionRequest(
        request_id="e2e-open", kind=S.SUPERVISION_KIND_LEADER_OWNERSHIP, case_id=opened.case_id,
        region_id=opened.region_id, owner_name="区长", owner_position="区政府区长", plan="一案一策",
        due_at=due, opened_by="市司法局"), timeout=TIMEOUT)
    assert again.state == S.SUPERVISION_STATE_ACTIVE and again.opened_by == "市司法局"

    # A case-lost referral through its four steps, held accountable with one person named.
    referral = next(r for r in city.referrals() if r.case_id)
    steps = [dict(investigation_started=R.InvestigationStarted(investigator="第三审查调查室", started_on=date)),
             dict(handling_opinion_proposed=R.HandlingOpinionProposed(
                 disposition=R.DISPOSITION_ACCOUNTABLE, rationale="履职不到位", persons=[R.PersonHandled(
                     name="王某", position="法制科科长", sanction="诫勉谈话", person_key="E2E-001")])),
             dict(decision_executed=R.DecisionExecuted(decision_document="淮纪发〔2026〕1号", executed_on=date))]
    for number, step in enumerate(steps):
        referral = accountability.AdvanceReferral(R.AdvanceReferralRequest(
            referral_id=referral.id, expected_step=referral.step, request_id=f"e2e-step-{number}",
            performed_by="市纪委监委", **step), timeout=TIMEOUT)
    assert referral.step == R.REFERRAL_STEP_DECISION_EXECUTED and referral.disposition == R.DISPOSITION_ACCOUNTABLE

    # The statistics, over the days everything happened on, for the city and each region, counted
    # again here from what ListReferrals and ListSupervisions return.
    referrals, supervisions = city.referrals(), city.supervisions()
    days = [day_of(s.occurred_at) for r in referrals for s in r.steps] + [day_of(s.created_at) for s in supervisions]
    first, last = min(days), max(days)
    period = pb.common.Period(kind=pb.common.PERIOD_KIND_RANGE,
                              first_day=pb.common.Date(year=first.year, month=first.month, day=first.day),
                              last_day=pb.common.Date(year=last.year, month=last.month, day=last.day))
    accountable = {R.DISPOSITION_ACCOUNTABLE, R.DISPOSITION_LIGHTER, R.DISPOSITION_HEAVIER}
    for region in [""] + [r.id for r in city.expected.regions]:
        mine = [r for r in referrals if not region or r.region_id == region]

        def steps_taken(step):
            return sum(s.step == step for r in mine for s in r.steps)

        held = [r for r in mine if r.step == R.REFERRAL_STEP_DECISION_EXECUTED and r.disposition in accountable]
        persons = {(r.agency_id, p.person_key) for r in held for s in r.steps
                   for p in s.handling_opinion_proposed.persons}
        stats = accountability.GetAccountabilityStats(pb.accountability_stats.GetAccountabilityStatsRequest(
            period=period, region_id=region), timeout=TIMEOUT)
        assert (stats.clues_referred, stats.investigations_started, stats.opinions_proposed,
                stats.decisions_executed) == tuple(steps_taken(step) for step in (
                    R.REFERRAL_STEP_REFERRED, R.REFERRAL_STEP_INVESTIGATING, R.REFERRAL_STEP_OPINION_PROPOSED,
                    R.REFERRAL_STEP_DECISION_EXECUTED)), region
        assert (stats.cases_held_accountable, stats.persons_handled) == (len(held), len(persons)), region
        assert {c.step: c.count for c in stats.by_current_step if c.count} == collections.Counter(r.step for r in mine)
        ours = [s for s in supervisions if not region or s.region_id == region]
        assert (stats.supervisions_opened, stats.supervisions_closed) == (
            len(ours), sum(s.state == S.SUPERVISION_STATE_CLOSED for s in ours)), region
    totals = accountability.GetAccountabilityStats(pb.accountability_stats.GetAccountabilityStatsRequest(
        period=period), timeout=TIMEOUT)
    assert (totals.clues_referred, totals.cases_held_accountable, totals.persons_handled,
            totals.supervisions_closed) == (len(referrals), 1, 1, 1)


def test_assessment_killed_mid_stream_and_restarted_applies_every_change_exactly_once(city):
    pb = city.pb
    cases_before = len(city.expected.cases)

    def behind():
        head = city.head()  # first the head, then how far assessment is: it was behind that head
        applied = city.applied()
        return (applied, head) if 0 < applied < head else None

    applied, head = kill_mid_stream(city, "assessment", behind, lambda attempt: Burst(
        city, city.expected, first=10_000 + 2_000 * attempt, count=300 * (attempt + 1), losses=30 * (attempt + 1),
        quarter=1 + attempt % 4))
    city.restart("assessment")

    expected = Expected(pb, city.intake)
    assert len(expected.cases) > cases_before
    now = city.head()
    assert now >= head > applied > 0
    years = sorted(set(DEMO_YEARS) | {today().year - 2})
    assert_indicators_match(city, expected, years, at_least=now)
    alerts = city.alerts()
    assert_each_alert_once(pb, alerts)
    lost = [a.case_lost.case_id for a in alerts if a.kind == pb.assessment_alerts.ALERT_KIND_CASE_LOST]
    assert set(lost) == ever_lost(pb, city.intake, expected)
    # Their quarter was judged before they came: they revise the figures but raise no crossing.
    crossed = [a for a in alerts if a.kind == pb.assessment_alerts.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED]
    assert len(crossed) == len(city.crossings)


def test_accountability_killed_while_alerts_stream_acts_on_every_alert_exactly_once(city):
    pb = city.pb
    A = pb.assessment_alerts

    def lost_alerts():
        return listed(city.assessment.ListAlerts, A.ListAlertsRequest(kind=A.ALERT_KIND_CASE_LOST), "alerts")

    def case_referrals():
        return [r for r in city.referrals() if r.case_id]

    # Everything so far is applied and acted on before the burst, so what follows counts only its
    # alerts.
    city.applied_up_to(city.head())
    assert eventually(lambda: city.settled(city.alerts()), bool, seconds=WAIT)
    alerted_before = len(lost_alerts())
    assert len(case_referrals()) == alerted_before

    def behind():
        alerted = len(lost_alerts()) - alerted_before  # first the alerts raised, then what was acted on
        acted = len(case_referrals()) - alerted_before
        return (acted, alerted) if 0 < acted < alerted else None

    acted, alerted = kill_mid_stream(city, "accountability", behind, lambda attempt: Burst(
        city, city.expected, first=30_000 + 2_000 * attempt, count=200 * (attempt + 1), losses=100 * (attempt + 1),
        quarter=1 + attempt % 4))
    city.restart("accountability")

    alerts = eventually(city.alerts, lambda found: city.settled(found), seconds=WAIT)
    assert city.settled(alerts)
    assert_each_alert_once(pb, alerts)
    lost = [a for a in alerts if a.kind == A.ALERT_KIND_CASE_LOST]
    assert len(lost) - alerted_before >= alerted > acted > 0
    referrals = [r for r in city.referrals() if r.case_id]
    # Every case-lost alert acted on exactly once: one referral each, none twice, none missing.
    assert sorted((r.source.alert_sequence, r.case_id) for r in referrals) == sorted(
        (a.sequence, a.case_lost.case_id) for a in lost)
    escalations = city.escalations()
    assert sorted(e.alert_sequence for e in escalations) == sorted(
        a.sequence for a in alerts if a.kind == A.ALERT_KIND_LOSS_RATE_THRESHOLD_CROSSED)
    system = [s for s in city.supervisions() if s.opened_by == "system"]
    assert sorted(s.alert_sequence for s in system) == sorted(
        a.sequence for a in alerts if a.kind == A.ALERT_KIND_HIGH_RISK_CASE)
