"""Data for the benchmarks, made through the portal's own services so it looks like real use.

``measured_case`` is a case like the demo family's, at any size: consent, a meeting in three
parts, invitations sent, a plan writer, three times offered, a sent plan and a support request
waiting for a decision. ``grow_network`` adds people to it (and invites them); ``filler_cases``
adds lighter cases for the same coordinator, so lists and figures have something to count.

Call these with Django set up, under any settings.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone


def staff():
    """The demo staff (coordinator, practitioner, manager, editor), created if missing."""
    from portal.accounts.demo import ensure_demo_staff
    from portal.accounts.models import User

    ensure_demo_staff()
    return {
        "coordinator": User.objects.get(email="coordinator@demo.invalid"),
        "practitioner": User.objects.get(email="practitioner@demo.invalid"),
        "manager": User.objects.get(email="manager@demo.invalid"),
        "editor": User.objects.get(email="editor@demo.invalid"),
    }


def _referral(*, coordinator, practitioner, n: int):
    from fgdm.models import Stage
    from fgdm.services.cases import assign_coordinator, create_referral, record_duty_to_offer

    case = create_referral(
        lead_practitioner=practitioner,
        stage=Stage.PRE_PROCEEDINGS,
        worries="Bench: school attendance.\nArguments at night.\nHousing.",
        strengths="Close to grandparents.",
        bottom_lines="No contact with the former partner.",
        children=[{"name": f"Child {n}", "date_of_birth": date(2016, 5, 14), "first_language": "en"}],
        actor=practitioner,
    )
    assign_coordinator(case=case, coordinator=coordinator, actor=practitioner)
    record_duty_to_offer(case=case, offered=True, offered_on=date.today(), actor=practitioner)
    return case


def _add_members(case, *, start: int, stop: int, actor):
    from fgdm.services.network import add_member

    child = case.children.get()
    return [
        add_member(
            case=case,
            relationships={child.pk: "relative" if n else "mother"},
            actor=actor,
            confirm_not_duplicate=True,
            name=f"Person {case.pk}-{n}",
            phone=f"+4474{case.pk % 1000:03d}{n:05d}",  # a UK mobile: 10 digits after +44
            email=f"person{case.pk}-{n}@bench.invalid" if n % 3 == 2 else "",
            language=("en", "pl", "ar")[n % 3],
            household=("Mum's home", "Dad's home", "")[n % 3],
            has_parental_responsibility=n == 0,
            voice_of=child if n == 1 else None,
        )
        for n in range(start, stop)
    ]


@transaction.atomic
def measured_case(*, coordinator, practitioner, members: int = 5, n: int = 0):
    """A case with everything the main pages show; returns (case, plan writer)."""
    from fgdm.models import PartKind
    from fgdm.models.consent import ConsentMethod, ConsentStatus, SharingScope
    from fgdm.services.availability import offer_slot
    from fgdm.services.consent import record_consent
    from fgdm.services.invitations import send_invitations
    from fgdm.services.meetings import PartPlan, arrange_meeting
    from fgdm.services.plans import choose_plan_writer
    from network_support.demo import _plan_actions
    from network_support.models import Category, Frequency
    from network_support.services import ItemInput, start_request, submit_request

    case = _referral(coordinator=coordinator, practitioner=practitioner, n=n)
    people = _add_members(case, start=0, stop=members, actor=coordinator)
    record_consent(
        case=case,
        member=people[0],
        status=ConsentStatus.GIVEN,
        method=ConsentMethod.IN_PERSON,
        may_share=[SharingScope.WORRIES, SharingScope.BOTTOM_LINES],
        actor=coordinator,
    )
    day = timezone.localdate() + timedelta(days=21)

    def at(hour):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    venue = {"venue_name": "Riverside Family Centre", "venue_address": "1 Riverside Walk, Northtown"}
    meeting = arrange_meeting(
        case=case,
        kind="first",
        parts=[
            PartPlan(kind=PartKind.INFORMATION_SHARING, starts_at=at(10), ends_at=at(11), **venue),
            PartPlan(kind=PartKind.PRIVATE_FAMILY_TIME, starts_at=at(11), ends_at=at(12), **venue),
            PartPlan(kind=PartKind.PLAN_AGREEMENT, starts_at=at(13), ends_at=at(14), **venue),
        ],
        actor=coordinator,
    )
    send_invitations(meeting=meeting, actor=coordinator)
    writer = people[1]
    choose_plan_writer(meeting=meeting, member=writer, actor=coordinator)
    for days in (22, 23, 25):
        offer_slot(meeting=meeting, starts_at=at(10) + timedelta(days=days - 21), actor=coordinator)
    _school_run, beds = _plan_actions(case, writer)
    support = start_request(
        member=people[0],
        plan_action=beds,
        barrier="Beds at Nan's so the children can stay on school nights.",
        items=[
            ItemInput(
                category=Category.FURNITURE,
                description="Bunk beds and mattresses",
                amount_pence=32000,
                frequency=Frequency.ONE_OFF,
                starts_on=date.today() + timedelta(days=14),
            )
        ],
    )
    submit_request(request=support)
    return case, writer


@transaction.atomic
def grow_network(case, *, to: int, coordinator) -> None:
    """Add people until the network has ``to`` members, and invite the new ones."""
    from fgdm.services.invitations import send_invitations

    have = case.members.count()
    if have < to:
        _add_members(case, start=have, stop=to, actor=coordinator)
        send_invitations(meeting=case.meetings.order_by("-created_at").first(), actor=coordinator)


def filler_cases(count: int, *, coordinator, practitioner, start: int = 1) -> None:
    """Lighter cases (a referral, a coordinator, two people) for the same coordinator."""
    for n in range(start, start + count):
        with transaction.atomic():
            case = _referral(coordinator=coordinator, practitioner=practitioner, n=n)
            _add_members(case, start=0, stop=2, actor=coordinator)
