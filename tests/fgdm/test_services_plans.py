"""fgdm.services.plans: the family's plan is their words, written by the member they chose, agreed or
not (with reasons) by the lead practitioner only."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fgdm.factories import ExclusionDecisionFactory, PlanAgreementFactory, PlanVersionFactory
from fgdm.models import Participation, PlanAgreement, PlanVersion
from fgdm.services.plans import ActionText, choose_plan_writer, decide_plan, may_read_plan, save_plan
from portal.audit.models import AuditEvent
from portal.records import FinalRecordError
from tests.text import errors_of

pytestmark = pytest.mark.django_db
WALK = ActionText("Worried about school attendance.", "Gran walks Mia to school.", "Gran", "From Monday")


@pytest.fixture
def writer(consented, meeting, member_factory, coordinator):
    gran = member_factory("Janet Gran")
    choose_plan_writer(meeting=meeting, member=gran, actor=coordinator)
    return gran


def _send(meeting, member, actions=(WALK,), **texts):
    texts = {"contingency": "Uncle Tom steps in.", "how_checked": "We meet on Sundays.", **texts}
    return save_plan(meeting=meeting, member=member, actions=list(actions), submit=True, **texts)


def test_the_plan_writer_is_someone_the_family_chose_who_may_be_in_private_family_time(
    consented, meeting, member_factory, coordinator
):
    aunt = member_factory("Aisha Aunt")
    ExclusionDecisionFactory(member=aunt, participation=Participation.INFORMATION_ONLY)

    with pytest.raises(ValidationError) as error:
        choose_plan_writer(meeting=meeting, member=aunt, actor=coordinator)

    assert errors_of(error) == {"plan_writer": ["Only someone invited to private family time can write the plan."]}
    assert not may_read_plan(aunt, meeting) and may_read_plan(consented, meeting)
    meeting.refresh_from_db()
    assert meeting.plan_writer is None


def test_each_save_is_a_new_version_in_the_familys_words_and_a_draft_may_be_half_done(meeting, writer):
    draft = save_plan(meeting=meeting, member=writer, actions=[ActionText("Worry.", what="We talk.")], submit=False)
    sent = _send(meeting, writer)

    assert [(v.number, v.status) for v in meeting.plan_versions.all()] == [(2, "submitted"), (1, "draft")]
    assert list(draft.actions.values_list("worry", "what", "who")) == [("Worry.", "We talk.", "")]
    assert list(sent.actions.values_list("what", "who", "by_when")) == [
        ("Gran walks Mia to school.", "Gran", "From Monday")
    ]
    assert sent.contingency == "Uncle Tom steps in."
    sent.contingency = "Rewritten by staff."
    with pytest.raises(FinalRecordError):
        sent.save()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="plan.s").order_by("pk")] == [
        "plan.saved",
        "plan.submitted",
    ]


def test_a_plan_sent_with_empty_sections_says_which_in_the_familys_words(meeting, writer):
    with pytest.raises(ValidationError) as error:
        _send(meeting, writer, actions=[ActionText("Mia misses school.")], contingency=" ", how_checked="")

    assert errors_of(error) == {
        "action_0_what": ["Say what you will do about: Mia misses school."],
        "action_0_who": ["Say who will do it, for: Mia misses school."],
        "action_0_by_when": ["Say by when, for: Mia misses school."],
        "contingency": ["Say what you will do if the plan is not working."],
        "how_checked": ["Say how you will check the plan is working."],
    }
    assert not PlanVersion.objects.exists()


def test_only_the_plan_writer_saves_the_plan(consented, meeting, writer):
    with pytest.raises(PermissionDenied):
        _send(meeting, consented)

    assert not PlanVersion.objects.exists()


def test_an_agreed_plan_cannot_be_changed(meeting, writer):
    PlanAgreementFactory(version=_send(meeting, writer))

    with pytest.raises(ValidationError) as error:
        _send(meeting, writer)

    assert errors_of(error) == {"__all__": ["Your plan has been agreed, so it cannot be changed now."]}
    assert meeting.plan_versions.count() == 1


def test_only_the_cases_lead_practitioner_decides_the_plan(meeting, writer, coordinator):
    version = _send(meeting, writer)

    with pytest.raises(PermissionDenied):
        decide_plan(version=version, agreed=True, reason="", review_on=None, actor=coordinator)

    assert not PlanAgreement.objects.exists()


@pytest.mark.parametrize(
    "agreed, reason, review_in_days, expected",
    [
        (True, "", None, {"review_on": ["Enter the date the plan will be reviewed."]}),
        (True, "", 0, {"review_on": ["The review date must be in the future."]}),
        (False, "  ", None, {"reason": ["Say why the plan is not agreed, in words the family will understand."]}),
    ],
)
def test_an_agreed_plan_has_a_future_review_and_one_not_agreed_says_why(
    meeting, writer, practitioner, agreed, reason, review_in_days, expected
):
    review_on = None if review_in_days is None else timezone.localdate() + timedelta(days=review_in_days)

    with pytest.raises(ValidationError) as error:
        decide_plan(
            version=_send(meeting, writer), agreed=agreed, reason=reason, review_on=review_on, actor=practitioner
        )

    assert errors_of(error) == expected


def test_only_the_latest_sent_plan_is_decided(meeting, writer, practitioner):
    older = _send(meeting, writer)
    draft = save_plan(meeting=meeting, member=writer, actions=[WALK], submit=False)

    for version in (older, draft):
        with pytest.raises(ValidationError) as error:
            decide_plan(version=version, agreed=False, reason="No.", review_on=None, actor=practitioner)
        assert errors_of(error) == {"__all__": ["Only the latest plan the family sent can be agreed."]}


def test_a_changed_mind_is_a_new_decision_that_supersedes_the_last(meeting, writer, practitioner):
    version = _send(meeting, writer)
    not_agreed = decide_plan(
        version=version, agreed=False, reason=" Mia would be alone at night. ", review_on=None, actor=practitioner
    )
    review_on = timezone.localdate() + timedelta(days=90)

    agreed = decide_plan(version=version, agreed=True, reason="", review_on=review_on, actor=practitioner)

    not_agreed.refresh_from_db()
    assert not_agreed.superseded_by == agreed
    assert (not_agreed.agreed, not_agreed.reason, not_agreed.review_on) == (False, "Mia would be alone at night.", None)
    assert (agreed.agreed, agreed.review_on, agreed.decided_by) == (True, review_on, practitioner)
    assert AuditEvent.objects.get(action="plan.agreed").detail == {"version": version.pk, "supersedes": not_agreed.pk}


def test_the_plan_factory_writes_as_the_chosen_writer(meeting, writer):
    version = PlanVersionFactory(meeting=meeting)

    assert (version.number, version.written_by, version.submitted) == (1, writer, True)
