"""Factories for the case world: a referral and its children, the family network, consent,
exclusions, meetings with their parts, offered times, invitations, replies and the family's plan.

Where a service carries a rule (referral, coordinator, member, consent, exclusion, meeting, offered
time, reply, plan writer, plan decision), the factory calls that service, so a factory-made record
is one the portal itself could have made and a factory cannot build a world the rules forbid.
Rows whose service also tells somebody (an invitation, a saved plan) are written the way the
service writes them, with no message: a test about messages calls the service that sends them.

The tests and the demo family (``fgdm/demo.py``) build through these, so factory_boy is a runtime
dependency. Staff come from ``portal.accounts.factories``; the actor of each service is the case's
coordinator (or its lead practitioner for decisions only they take).
"""

from datetime import date, datetime, time, timedelta

import factory
from django.db.models import Max
from django.utils import timezone

from fgdm.models import (
    AgencyKind,
    Case,
    Child,
    ConsentDecision,
    DutyToOfferDecision,
    ExclusionDecision,
    ExclusionReason,
    Invitation,
    Known,
    Meeting,
    NetworkMember,
    Participation,
    PartKind,
    PartnerRequest,
    PlanAction,
    PlanAgreement,
    PlanVersion,
    Reply,
    Risk,
    Stage,
    TimeSlot,
)
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.models.meetings import MeetingKind
from fgdm.models.replies import Answer
from fgdm.selectors import disclosure
from fgdm.services.availability import offer_slot
from fgdm.services.cases import assign_coordinator, create_referral, record_duty_to_offer
from fgdm.services.consent import record_consent
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import record_reply
from fgdm.services.meetings import PartPlan, arrange_meeting
from fgdm.services.network import add_member
from fgdm.services.partners import answer_request, ask_partner
from fgdm.services.plans import ActionText, choose_plan_writer, decide_plan
from portal.accounts import roles
from portal.accounts.factories import StaffFactory


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """A local time ``days`` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def meeting_day(days: int, *, venue_name: str, venue_address: str = "") -> list[PartPlan]:
    """The usual meeting, all at one venue: information sharing 10:00 to 11:00, private family time
    11:15 to 12:45, agreeing the plan 13:00 to 13:30."""
    venue = {"venue_name": venue_name, "venue_address": venue_address}
    return [
        PartPlan(kind=PartKind.INFORMATION_SHARING, starts_at=at(days, 10), ends_at=at(days, 11), **venue),
        PartPlan(kind=PartKind.PRIVATE_FAMILY_TIME, starts_at=at(days, 11, 15), ends_at=at(days, 12, 45), **venue),
        PartPlan(kind=PartKind.PLAN_AGREEMENT, starts_at=at(days, 13), ends_at=at(days, 13, 30), **venue),
    ]


def _coordinator_of(case: Case):
    return case.coordinator or case.lead_practitioner


class CaseFactory(factory.django.DjangoModelFactory):
    """A referral by a lead practitioner, with an independent coordinator assigned (``coordinator=None``: not yet)."""

    class Meta:
        model = Case

    class Params:
        child_name = "Mia"
        child_born = date(2016, 5, 14)

    lead_practitioner = factory.SubFactory(StaffFactory, role=roles.LEAD_PRACTITIONER)
    coordinator = factory.SubFactory(StaffFactory, role=roles.COORDINATOR)
    stage = Stage.CHILD_PROTECTION
    worries = "Worried about school attendance."
    strengths = ""
    bottom_lines = ""
    children = factory.LazyAttribute(
        lambda o: [{"name": o.child_name, "date_of_birth": o.child_born, "first_language": "en"}]
    )

    @classmethod
    def _create(cls, model_class, *, lead_practitioner, coordinator, **fields):
        case = create_referral(lead_practitioner=lead_practitioner, actor=lead_practitioner, **fields)
        if coordinator is not None:
            case = assign_coordinator(case=case, coordinator=coordinator, actor=lead_practitioner)
        return case


class ChildFactory(factory.django.DjangoModelFactory):
    """A further child in a case (a referral's children are made by ``CaseFactory``)."""

    class Meta:
        model = Child

    case = factory.SubFactory(CaseFactory)
    name = factory.Faker("first_name")
    date_of_birth = date(2014, 3, 2)
    first_language = "en"


class DutyToOfferDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyToOfferDecision

    case = factory.SubFactory(CaseFactory, stage=Stage.PRE_PROCEEDINGS)
    offered = True
    offered_on = factory.LazyFunction(date.today)
    reason_not_offered = ""
    decided_by = factory.LazyAttribute(lambda o: o.case.lead_practitioner)

    @classmethod
    def _create(cls, model_class, *, decided_by, **fields):
        return record_duty_to_offer(actor=decided_by, **fields)


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    """Someone in the family network, related to the case's first child, with a phone that is theirs alone."""

    class Meta:
        model = NetworkMember

    case = factory.SubFactory(CaseFactory)
    name = factory.Faker("name", locale="en_GB")
    phone = factory.Sequence(lambda n: f"+4474008{n % 100000:05d}")
    relationship = "relative"
    added_by = factory.LazyAttribute(lambda o: _coordinator_of(o.case))

    @classmethod
    def _create(cls, model_class, *, case, relationship, added_by, **fields):
        child = case.children.first()
        return add_member(
            case=case,
            relationships={child.pk: relationship} if child else {},
            actor=added_by,
            confirm_not_duplicate=True,
            **fields,
        )


class ParentFactory(NetworkMemberFactory):
    relationship = "parent"
    has_parental_responsibility = True


class ConsentDecisionFactory(factory.django.DjangoModelFactory):
    """A parent's consent, recorded by the coordinator. ``ConsentDecisionFactory(member__case=case)``
    makes a new parent in that case; pass ``member=`` to record it for someone already there."""

    class Meta:
        model = ConsentDecision

    member = factory.SubFactory(ParentFactory)
    status = ConsentStatus.GIVEN
    method = ConsentMethod.IN_PERSON
    may_share = factory.LazyFunction(list)
    note = ""
    decided_by = factory.LazyAttribute(lambda o: _coordinator_of(o.member.case))

    @classmethod
    def _create(cls, model_class, *, member, decided_by, **fields):
        return record_consent(case=member.case, member=member, actor=decided_by, **fields)


class ExclusionDecisionFactory(factory.django.DjangoModelFactory):
    """A safeguarding decision taken by the lead practitioner: information sharing only, for domestic abuse."""

    class Meta:
        model = ExclusionDecision

    member = factory.SubFactory(NetworkMemberFactory)
    participation = Participation.INFORMATION_ONLY
    reasons = factory.LazyFunction(lambda: [ExclusionReason.DOMESTIC_ABUSE])
    note = ""
    agencies_consulted = ""
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    withhold_venue_address = False
    decided_by = factory.LazyAttribute(lambda o: o.member.case.lead_practitioner)

    @classmethod
    def _create(cls, model_class, *, decided_by, **fields):
        return record_exclusion(actor=decided_by, **fields).decision


class MeetingFactory(factory.django.DjangoModelFactory):
    """A first meeting ``days_ahead`` from today, planned by the coordinator (see ``meeting_day``)."""

    class Meta:
        model = Meeting

    class Params:
        days_ahead = 10
        venue_name = "Riverside Family Centre"
        venue_address = "1 Riverside Walk"

    case = factory.SubFactory(CaseFactory)
    kind = MeetingKind.FIRST
    parts = factory.LazyAttribute(
        lambda o: meeting_day(o.days_ahead, venue_name=o.venue_name, venue_address=o.venue_address)
    )
    arranged_by = factory.LazyAttribute(lambda o: _coordinator_of(o.case))

    @classmethod
    def _create(cls, model_class, *, arranged_by, **fields):
        return arrange_meeting(actor=arranged_by, **fields)


class TimeSlotFactory(factory.django.DjangoModelFactory):
    """A start time the coordinator offers, two days after the meeting's usual day, at 10:00."""

    class Meta:
        model = TimeSlot

    meeting = factory.SubFactory(MeetingFactory)
    starts_at = factory.LazyFunction(lambda: at(12, 10))
    offered_by = factory.LazyAttribute(lambda o: _coordinator_of(o.meeting.case))

    @classmethod
    def _create(cls, model_class, *, offered_by, **fields):
        return offer_slot(actor=offered_by, **fields)


class InvitationFactory(factory.django.DjangoModelFactory):
    """That a member was invited, to the parts the audience rule lets them know of, as
    ``send_invitations`` records it — without the message (call the service to test that)."""

    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(NetworkMemberFactory, case=factory.SelfAttribute("..meeting.case"))
    parts = factory.LazyAttribute(lambda o: [p.kind for p in disclosure(o.member, o.meeting).parts])


class ReplyFactory(factory.django.DjangoModelFactory):
    """A member's answer through their personal link: yes, with no needs unless given."""

    class Meta:
        model = Reply

    invitation = factory.SubFactory(InvitationFactory)
    answer = Answer.YES
    via = Reply.Via.LINK

    @classmethod
    def _create(cls, model_class, **fields):
        return record_reply(**fields)


class PlanVersionFactory(factory.django.DjangoModelFactory):
    """The family's plan as ``save_plan`` keeps it: the next version, sent, one action per ``actions``
    entry (default: one about the case's worries). ``written_by`` (default: the plan writer, or else a
    parent who consents) is made the meeting's plan writer
    through ``choose_plan_writer`` — so only someone who may be in private family time can write it —
    and nobody is told (call ``save_plan`` to test that)."""

    class Meta:
        model = PlanVersion
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    written_by = factory.LazyAttribute(
        lambda o: o.meeting.plan_writer or ConsentDecisionFactory(member__case=o.meeting.case).member
    )
    number = factory.LazyAttribute(lambda o: (o.meeting.plan_versions.aggregate(last=Max("number"))["last"] or 0) + 1)
    status = PlanVersion.Status.SUBMITTED
    contingency = "If the plan is not working, we will meet again."
    how_checked = "We will talk every Sunday."
    childs_words = ""

    @classmethod
    def _create(cls, model_class, *, meeting, written_by, **fields):
        if meeting.plan_writer_id != written_by.pk:
            meeting = choose_plan_writer(meeting=meeting, member=written_by, actor=_coordinator_of(meeting.case))
        return super()._create(model_class, meeting=meeting, written_by=written_by, **fields)

    @factory.post_generation
    def actions(version, create, extracted, **kwargs):
        """``actions=[ActionText(...), ...]`` in the family's words, kept in that order."""
        texts = extracted or [ActionText(version.meeting.case.worries, "Gran walks Mia to school.", "Gran", "Now")]
        if create:
            PlanAction.objects.bulk_create(
                PlanAction(version=version, position=index, **vars(text)) for index, text in enumerate(texts)
            )


class PlanAgreementFactory(factory.django.DjangoModelFactory):
    """The lead practitioner agrees the family's latest plan, with a review in three months."""

    class Meta:
        model = PlanAgreement

    version = factory.SubFactory(PlanVersionFactory)
    agreed = True
    reason = ""
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    decided_by = factory.LazyAttribute(lambda o: o.version.meeting.case.lead_practitioner)

    @classmethod
    def _create(cls, model_class, *, decided_by, **fields):
        return decide_plan(actor=decided_by, **fields)


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    """The coordinator asks the police about one person, with a fortnight to reply; ``answers``
    (member -> {risk: yes/no/not_known}, plus ``details``) answers it as the partner would, or
    ``holds_nothing=True``."""

    class Meta:
        model = PartnerRequest

    case = factory.LazyAttribute(lambda o: o.members[0].case)
    agency_kind = AgencyKind.POLICE
    agency_name = ""
    contact_name = "Sam Patel"
    contact_email = "sam.patel@police.example"
    reply_by = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    sent_by = factory.LazyAttribute(lambda o: _coordinator_of(o.case))

    # Not fields of the request: how the partner answers (``_create`` takes them out).
    answers = None
    details = None
    holds_nothing = False

    @classmethod
    def _create(cls, model_class, *, sent_by, answers=None, details=None, holds_nothing=False, **fields):
        partner_request = ask_partner(actor=sent_by, **fields)
        if answers is not None or holds_nothing:
            answer_request(
                partner_request=partner_request,
                answers={member.pk: risks for member, risks in (answers or {}).items()},
                details={member.pk: text for member, text in (details or {}).items()},
                holds_nothing=holds_nothing,
            )
            partner_request.refresh_from_db()
        return partner_request


def all_answered(value: str = Known.NO) -> dict[str, str]:
    """Every question answered the same way, e.g. ``all_answered("no")``."""
    return dict.fromkeys(Risk.values, value)
