"""Support for the demo family: a request waiting from the plan, bus fares agreed with a review date, a declined item.

Runs after fgdm's demo (INSTALLED_APPS order). Idempotent: a case that already has requests is left alone.
If the family's plan has not been written yet, a short sent plan is added so a request can point at it.
"""

from datetime import date, timedelta

from django.db import transaction

from fgdm.demo import DEMO_WORRIES
from fgdm.factories import PlanVersionFactory
from fgdm.models import Case, PlanAction, PlanVersion
from fgdm.services.plans import ActionText
from network_support.factories import ItemInputFactory, SupportDecisionFactory, SupportRequestFactory
from network_support.models import Category, Frequency, SupportRequest
from network_support.services import ItemOutcomeInput
from portal.accounts.models import User


@transaction.atomic
def seed(stdout=None) -> None:
    case = Case.objects.filter(worries=DEMO_WORRIES).first()
    if case is None or SupportRequest.objects.filter(case=case).exists():
        return
    practitioner = User.objects.get(email="practitioner@demo.invalid")
    sarah = case.members.get(name="Sarah Lewis")
    janet = case.members.get(name="Janet Lewis")
    # The plan is written by the member the family chose as plan writer (Janet, in the demo).
    writer = case.meetings.order_by("-created_at").first().plan_writer or janet
    school_run, beds = _plan_actions(case, writer)
    today = date.today()
    one_off = {"frequency": Frequency.ONE_OFF, "payments": None}

    agreed = SupportRequestFactory(
        member=janet,
        plan_action=school_run,
        barrier="I can take Mia to school three days a week, but I cannot afford the bus every day.",
        items=[
            ItemInputFactory(
                description="Weekly bus pass for Janet",
                amount_pence=1750,
                starts_on=today + timedelta(days=3),
                payments=12,
            ),
            ItemInputFactory(
                category=Category.HOUSEHOLD_BILLS,
                description="Help with Janet's heating bill",
                amount_pence=12000,
                starts_on=today + timedelta(days=3),
                **one_off,
            ),
        ],
    )
    bus, bill = agreed.items.all()
    SupportDecisionFactory(
        request=agreed,
        outcomes=[
            ItemOutcomeInput(item_id=bus.pk, outcome="approved"),
            ItemOutcomeInput(item_id=bill.pk, outcome="declined"),
        ],
        reason_for_family=(
            "We will pay for Janet's bus pass for 12 weeks, so she can take Mia to school. "
            "We cannot pay heating bills from this fund. The coordinator can tell you about other help."
        ),
        internal_note="Demo: heating support referred to the council's household support fund.",
        review_on=today + timedelta(days=10),
        decided_by=practitioner,
    )
    SupportRequestFactory(
        member=sarah,
        plan_action=beds,
        barrier="Mia and her brother need beds at Nan's so they can stay over on school nights.",
        items=[
            ItemInputFactory(
                category=Category.FURNITURE,
                description="Bunk beds and mattresses",
                amount_pence=32000,
                starts_on=today + timedelta(days=14),
                **one_off,
            )
        ],
    )
    if stdout:
        stdout.write("Demo support: one request waiting, bus fares agreed with a review date, one item declined.")


def _plan_actions(case, writer) -> tuple[PlanAction, PlanAction]:
    version = (
        PlanVersion.objects.filter(meeting__case=case, status=PlanVersion.Status.SUBMITTED)
        .order_by("-created_at")
        .first()
    )
    actions = list(version.actions.all()[:2]) if version else []
    if len(actions) == 2:
        return actions[0], actions[1]
    version = PlanVersionFactory(
        meeting=case.meetings.order_by("-created_at").first(),
        written_by=writer,
        contingency="If Nan is ill, Aunt Aisha does the school run.",
        how_checked="The school tells the coordinator about attendance every Friday.",
        actions=[
            ActionText(
                worry="Mia has missed school often this term.",
                what="Nan (Janet) takes Mia to school on Monday, Wednesday and Friday.",
                who="Janet Lewis",
                by_when="From next Monday",
                help_needed="Bus fares for Janet.",
            ),
            ActionText(
                worry="Arguments at home late at night.",
                what="Mia stays at Nan's on school nights when things are difficult at home.",
                who="Janet Lewis and Sarah Lewis",
                by_when="Within a month",
                help_needed="Beds at Nan's house.",
            ),
        ],
    )
    school_run, beds = version.actions.all()
    return school_run, beds
