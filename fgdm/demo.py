"""A demo family for a newcomer's first look: one child, two households, two languages, one exclusion."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fgdm.factories import (
    CaseFactory,
    ConsentDecisionFactory,
    DutyToOfferDecisionFactory,
    ExclusionDecisionFactory,
    MeetingFactory,
    NetworkMemberFactory,
    PartnerRequestFactory,
    TimeSlotFactory,
    all_answered,
    at,
)
from fgdm.models import (
    AgencyKind,
    Case,
    ExclusionReason,
    Known,
    NetworkMember,
    Participation,
    PartnerRequest,
    Risk,
    Stage,
)
from fgdm.models.consent import SharingScope
from fgdm.services.invitations import send_invitations
from fgdm.services.plans import choose_plan_writer
from portal.accounts.models import User

DEMO_WORRIES = "Demo: Mia has missed school often this term and there have been arguments at home late at night."
SHARED_PHONE = "+447400123461"

# name, relationship to Mia, PR, phone, email, language, household
MEMBERS = [
    ("Sarah Lewis", "mother", True, "+447400123451", "", "en", "Mum's home"),
    ("Janet Lewis", "grandmother", False, "+447400123452", "janet.lewis@example.org", "en", "Mum's home"),
    ("Tom Lewis", "uncle", False, "+447400123453", "", "en", "Mum's home"),
    ("Aisha Lewis", "aunt", False, "", "aisha.l@example.org", "en", "Mum's home"),
    ("Krzysztof Nowak", "father", True, "+447400123455", "", "pl", "Dad's home"),
    ("Halina Nowak", "grandmother", False, "+447400123456", "", "pl", "Dad's home"),
    ("Piotr Nowak", "uncle", False, SHARED_PHONE, "", "pl", "Dad's home"),
    ("Ewa Nowak", "aunt", False, "+447400123458", "", "pl", "Dad's home"),
    ("Denise Clarke", "godmother", False, "+447400123459", "", "en", ""),
    ("Gary Shaw", "mother's former partner", False, SHARED_PHONE, "", "en", ""),
    ("Mia Lewis-Nowak", "herself", False, "+447400123460", "", "en", "Mum's home"),
]


# Printed by seed_demo at the end, so a newcomer can see the family's side at once.
TRY_IT = [
    (
        "For a family member's personal link (open it, ask for a code, read the code in the text-message log below)",
        'family_link "Janet Lewis"',
    )
]


def _partner_requests(members: dict[str, NetworkMember]) -> tuple[PartnerRequest, PartnerRequest]:
    """The police answered about Gary Shaw within five days; the school has not answered about Tom
    Lewis, and its reply-by date has passed (the coordinator's safety-check page offers a reminder)."""
    gary = members["Gary Shaw"]
    NetworkMember.objects.filter(pk=gary.pk).update(date_of_birth=date(1984, 2, 9))
    police = PartnerRequestFactory(
        members=[gary],
        agency_name="Northshire Police public protection unit",
        contact_name="DC Sam Patel",
        contact_email="sam.patel@police.example",
        answers={gary: {**all_answered(Known.NO), Risk.DOMESTIC_ABUSE: Known.YES, Risk.COERCIVE_CONTROL: Known.YES}},
        details={gary: "Demo: three domestic abuse callouts to Sarah Lewis's home in 2025; no charges."},
    )
    now = timezone.now()
    PartnerRequest.objects.filter(pk=police.pk).update(sent_at=now - timedelta(days=20))
    police.answers.update(answered_at=now - timedelta(days=15))
    PartnerRequest.objects.filter(pk=police.pk).update(answered_at=now - timedelta(days=15))
    waiting = PartnerRequestFactory(
        members=[members["Tom Lewis"]],
        agency_kind=AgencyKind.SCHOOL,
        agency_name="Northtown Primary School",
        contact_name="Ms Rachel Green",
        contact_email="safeguarding@northtown-primary.example",
    )
    PartnerRequest.objects.filter(pk=waiting.pk).update(
        sent_at=now - timedelta(days=16), reply_by=timezone.localdate() - timedelta(days=2)
    )
    return police, waiting


@transaction.atomic
def seed(stdout=None) -> Case:
    existing = Case.objects.filter(worries=DEMO_WORRIES).first()
    if existing:
        return existing
    practitioner = User.objects.get(email="practitioner@demo.invalid")
    coordinator = User.objects.get(email="coordinator@demo.invalid")
    case = CaseFactory(
        lead_practitioner=practitioner,
        coordinator=coordinator,
        stage=Stage.PRE_PROCEEDINGS,
        worries=DEMO_WORRIES,
        strengths="Mia is close to her grandmothers and loves football.",
        bottom_lines="Mia must not live with Gary Shaw.",
        child_name="Mia Lewis-Nowak",
        child_born=date(2016, 5, 14),
    )
    child = case.children.get()
    DutyToOfferDecisionFactory(case=case)
    members: dict[str, NetworkMember] = {}
    for name, relationship, pr, phone, email, language, household in MEMBERS:
        members[name] = NetworkMemberFactory(
            case=case,
            relationship=relationship,
            name=name,
            has_parental_responsibility=pr,
            phone=phone,
            email=email,
            language=language,
            household=household,
            interpreter="spoken" if language == "pl" and name != "Piotr Nowak" else "",
            interpreter_language="Polish" if language == "pl" else "",
            suggested_by="Mia" if name == "Denise Clarke" else "",
            voice_of=child if relationship == "herself" else None,
        )
    police, _waiting = _partner_requests(members)
    ExclusionDecisionFactory(
        member=members["Gary Shaw"],
        participation=Participation.NO_CONTACT,
        reasons=[ExclusionReason.DOMESTIC_ABUSE, ExclusionReason.CHILDS_WISHES],
        note="Demo: police callouts to the family home last year.",
        informed_by=list(police.answers.all()),
        review_on=date.today() + timedelta(days=90),
    )
    for parent in ("Sarah Lewis", "Krzysztof Nowak"):
        ConsentDecisionFactory(member=members[parent], may_share=[SharingScope.WORRIES, SharingScope.BOTTOM_LINES])
    meeting = MeetingFactory(
        case=case,
        days_ahead=21,
        venue_name="Riverside Family Centre",
        venue_address="1 Riverside Walk, Northtown NT1 1AA",
        who_to_call="Duty team, 0300 123 4567",
        separate_arrivals="Mum's household arrives 9:40, Dad's household 9:50.",
    )
    send_invitations(meeting=meeting, actor=coordinator)
    choose_plan_writer(meeting=meeting, member=members["Janet Lewis"], actor=coordinator)
    for days, hour in ((21, 10), (22, 14), (24, 10)):
        TimeSlotFactory(meeting=meeting, starts_at=at(days, hour))
    if stdout:
        stdout.write(f"Demo family: case {case.reference} with {len(MEMBERS)} people in the network.")
    return case
