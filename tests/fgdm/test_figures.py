"""Each figure against hand-built data, edge cases included: cancelled meetings, withdrawn consent,
plans not agreed, reviews late and not held, and partly approved support."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from fgdm.factories import CaseFactory, ConsentDecisionFactory, MeetingFactory, NetworkMemberFactory, PlanVersionFactory
from fgdm.models import Case, LivingSituation, MeetingPart, PlanAgreement, Stage
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.models.meetings import MeetingKind
from fgdm.selectors import cases_for
from fgdm.selectors.figures import Filters, all_figures
from fgdm.services.cases import record_duty_to_offer
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import cancel_meeting
from fgdm.services.outcomes import book_interpreter, close_case, record_attendance, record_outcome
from fgdm.services.plans import ActionText, decide_plan
from portal.accounts import roles
from tests.factories import make_staff


def today():
    """Read at each use: a run that crosses midnight must not work from the day it started."""
    return timezone.localdate()


def _table(figures, key):
    figure = next(f for f in figures if f.key == key)
    return {str(row[0]): row[1:] for row in figure.rows}, figure


class World:
    """Four referrals, built through the services as staff would, then moved back in time where needed."""

    def __init__(self):
        self.manager = make_staff(roles.SERVICE_MANAGER)
        self.lp = make_staff(roles.LEAD_PRACTITIONER, first_name="Lee", last_name="Amos")
        self.other_lp = make_staff(roles.LEAD_PRACTITIONER)
        self.co = make_staff(roles.COORDINATOR)
        self.a = self.case(Stage.CHILD_PROTECTION, days_ago=40)
        self.b = self.case(Stage.PRE_PROCEEDINGS, days_ago=70)
        self.c = self.case(Stage.PRE_PROCEEDINGS, days_ago=10)
        self.d = self.case(Stage.PRE_PROCEEDINGS, days_ago=10, lead=self.other_lp)
        record_duty_to_offer(case=self.b, offered=True, offered_on=today(), actor=self.lp)
        record_duty_to_offer(case=self.d, offered=False, reason_not_offered="Child's safety.", actor=self.other_lp)

        # Case A: a first meeting held 10 days after referral; two invited, one came; an interpreter;
        # the plan agreed, its review due and held on time; the child now living with the network.
        parent_a, gran_a = self.family(self.a)
        first = self.held_meeting(self.a, parent_a, came={gran_a.pk}, days_after_referral=10)
        book_interpreter(meeting=first, language="Polish", members=[gran_a], actor=self.co)
        self.agreed_plan(first, gran_a, review_in_past=3)
        review = self.held_meeting(
            self.a, parent_a, came={parent_a.pk}, days_after_referral=36, kind=MeetingKind.REVIEW
        )
        child_a = self.a.children.get()
        record_outcome(
            case=self.a,
            child=child_a,
            living_situation=LivingSituation.WITH_NETWORK,
            proceedings_issued=False,
            meeting=review,
            actor=self.co,
        )

        # Case B: a cancelled meeting (never counted), then one held 30 days after referral; the plan not agreed;
        # closed with the child in care and proceedings issued.
        parent_b, gran_b = self.family(self.b)
        cancel_meeting(meeting=self.meeting(self.b), actor=self.co)
        held_b = self.held_meeting(self.b, parent_b, came={parent_b.pk, gran_b.pk}, days_after_referral=30)
        self.sent_plan(held_b, gran_b)
        decide_plan(
            version=held_b.plan_versions.get(),
            agreed=False,
            reason="Who collects the children?",
            review_on=None,
            actor=self.lp,
        )
        close_case(case=self.b, outcomes={self.b.children.get().pk: (LivingSituation.IN_CARE, True)}, actor=self.co)

        # Case C: consent given then withdrawn; nothing else happens.
        parent_c, _gran_c = self.family(self.c)
        ConsentDecisionFactory(member=parent_c, status=ConsentStatus.WITHDRAWN, method=ConsentMethod.PHONE)

    def case(self, stage, *, days_ago, lead=None):
        case = CaseFactory(
            lead_practitioner=lead or self.lp,
            coordinator=self.co,
            stage=stage,
            worries="School.",
            child_name="Child",
            child_born=date(2016, 1, 1),
        )
        Case.objects.filter(pk=case.pk).update(referred_at=timezone.now() - timedelta(days=days_ago))
        case.refresh_from_db()
        return case

    def family(self, case):
        parent = ConsentDecisionFactory(member__case=case, member__name="Parent").member
        return parent, NetworkMemberFactory(case=case, name="Gran")

    def meeting(self, case, kind=MeetingKind.FIRST):
        return MeetingFactory(case=case, kind=kind, days_ahead=5, venue_name="Hall")

    def held_meeting(self, case, parent, *, came, days_after_referral, kind=MeetingKind.FIRST):
        meeting = self.meeting(case, kind)
        send_invitations(meeting=meeting, actor=self.co)
        start = case.referred_at + timedelta(days=days_after_referral)
        for part in meeting.parts.all():  # the meeting took place: move it to when it happened
            offset = part.starts_at - meeting.parts.order_by("starts_at").first().starts_at
            MeetingPart.objects.filter(pk=part.pk).update(
                starts_at=start + offset, ends_at=start + offset + timedelta(hours=1)
            )
        record_attendance(meeting=meeting, attended=came, actor=self.co)
        return meeting

    def sent_plan(self, meeting, writer):
        PlanVersionFactory(
            meeting=meeting,
            written_by=writer,
            actions=[ActionText("School.", "Walk", "Gran", "Now")],
            contingency="Uncle",
            how_checked="Sundays",
        )

    def agreed_plan(self, meeting, writer, *, review_in_past):
        self.sent_plan(meeting, writer)
        decide_plan(
            version=meeting.plan_versions.get(),
            agreed=True,
            reason="",
            review_on=today() + timedelta(days=1),
            actor=self.lp,
        )
        # Time passes: the review date is now behind us.
        review_on = today() - timedelta(days=review_in_past)
        PlanAgreement.objects.filter(version__meeting=meeting).update(review_on=review_on)


@pytest.fixture
def world(db):
    return World()


def test_referrals_by_month_and_stage(world):
    table, _figure = _table(all_figures(Case.objects.all(), Filters()), "referrals")
    assert sum(row[0] for row in table.values()) == 4
    assert sum(row[3] for row in table.values()) == 3  # pre-proceedings column


def test_duty_to_offer_compliance_lists_the_cases_to_chase(world):
    figures = all_figures(Case.objects.all(), Filters())
    table, _ = _table(figures, "duty_to_offer")
    assert table == {"Offered": [1, "33%"], "Not offered, with a reason": [1, "33%"], "Not yet recorded": [1, "33%"]}
    chase = next(f for f in figures if f.key == "duty_to_offer_chase")
    assert [row[0] for row in chase.rows] == [world.c.reference]


def test_days_to_first_meeting_ignore_cancelled_meetings_and_review_meetings(world):
    table, _ = _table(all_figures(Case.objects.all(), Filters()), "days_to_first_meeting")
    assert table == {"Median": [20.0], "90th percentile": [30], "Meetings": [2]}


def test_meetings_held_attendance_and_interpreters(world):
    table, _ = _table(all_figures(Case.objects.all(), Filters()), "meetings")
    assert table["Meetings held"][0] == 3  # two in A (first and review), one in B; the cancelled one is not counted
    assert table["Network members invited"][0] == 6
    assert table["Network members who came"] == [4, "67%"]
    assert table["Meetings with an interpreter booked"] == [1, "33%"]


def test_plans_and_reviews(world):
    figures = all_figures(Case.objects.all(), Filters())
    plans, _ = _table(figures, "plans")
    assert plans == {"Sent by the family": [2], "Agreed": [1], "Not agreed": [1], "Waiting for a decision": [0]}
    reviews, _ = _table(figures, "reviews")
    assert reviews["Held on time"] == [1, "100%"]


def test_a_review_not_held_by_its_date_is_counted_as_not_held(world):
    from fgdm.models import Meeting

    Meeting.objects.filter(case=world.a, kind=MeetingKind.REVIEW).update(status="cancelled")
    reviews, _ = _table(all_figures(Case.objects.all(), Filters()), "reviews")
    assert reviews["Not held yet"] == [1, "100%"]


def test_outcomes_by_stage(world):
    table, _ = _table(all_figures(Case.objects.all(), Filters()), "outcomes")
    assert table["Living with the family network (kinship care)"][:2] == [1, 0]
    assert table["Entered care"][0] == 1
    assert table["Living at home"][0] == 0


def test_filters_and_empty_periods(world):
    only_pre = all_figures(Case.objects.all(), Filters(stage=Stage.PRE_PROCEEDINGS))
    assert _table(only_pre, "plans")[0]["Sent by the family"] == [1]
    future = all_figures(Case.objects.all(), Filters(start=today() + timedelta(days=1)))
    assert all(figure.empty for figure in future if figure.key != "support_spend")


def test_a_lead_practitioner_sees_figures_for_their_own_cases_only(world):
    mine = all_figures(cases_for(world.other_lp), Filters())
    assert _table(mine, "duty_to_offer")[0]["Not offered, with a reason"] == [1, "100%"]
    assert _table(mine, "plans")[1].empty


def test_the_dashboard_shows_tables_charts_and_no_data_for_empty_periods(world, client):
    client.force_login(world.manager)
    page = BeautifulSoup(client.get("/cases/figures/").content, "html.parser")
    assert page.select_one("svg.app-chart title").text.startswith("Bar chart: Referrals by month and stage")
    assert len(page.select("table.govuk-table")) >= 6
    empty = client.get("/cases/figures/", {"start": (today() + timedelta(days=1)).strftime("%d/%m/%Y")})
    assert "No data for this period." in empty.content.decode()
    csv = client.get("/cases/figures/duty_to_offer.csv").content.decode().splitlines()
    assert csv[0] == "Decision,Cases,Share" and csv[1] == "Offered,1,33%"
    coordinator = Client()
    coordinator.force_login(world.co)
    assert coordinator.get("/cases/figures/").status_code == 403
