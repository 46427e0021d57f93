"""Two families and every kind of visitor, for the security suite.

Case A has a consented network, a meeting with offered times, a sent plan, a child's views with a
picture, a support request with a decision and a payment, and a member kept to information
sharing, and an API client with a webhook address and a failed delivery. Case B is a second family
with its own coordinator. Roles are signed-in clients.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from api.models import WebhookDelivery
from api.services.clients import add_webhook, create_client
from fgdm.models import ExclusionReason, Participation, PartKind, Stage
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.services.availability import offer_slot
from fgdm.services.cases import assign_coordinator, create_referral
from fgdm.services.consent import record_consent
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, arrange_meeting
from fgdm.services.network import add_member
from fgdm.services.plans import ActionText, choose_plan_writer, save_plan
from fgdm.services.voice import record_voice
from portal.accounts import roles
from portal.family_access.services import issue_link
from portal.messaging.models import OutboundMessage
from tests.factories import make_staff
from tests.family import sign_in
from tests.fgdm.conftest import at

ROLES = [
    "anonymous",
    "family_a",
    "family_excluded",
    "family_b",
    "coordinator_a",
    "coordinator_b",
    "lead_practitioner",
    "manager",
    "editor",
]
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@dataclass
class World:
    ids: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)

    def client(self, role: str, **kwargs) -> Client:
        """A fresh client signed in as ``role`` (family sessions are signed in through link and code)."""
        client = Client(**kwargs)
        if role in self.users:
            client.force_login(self.users[role])
        elif role in self.members:
            signing_in = Client()  # signs in through the real forms, with their CSRF tokens
            sign_in(signing_in, self.members[role])
            client.cookies = signing_in.cookies
        return client


def _case(lead, coordinator, worries):
    case = create_referral(
        lead_practitioner=lead,
        stage=Stage.PRE_PROCEEDINGS,
        worries=worries,
        children=[{"name": "Child", "date_of_birth": date(2012, 1, 1)}],
        actor=lead,
    )
    assign_coordinator(case=case, coordinator=coordinator, actor=lead)
    return case


def _member(case, coordinator, name, phone, **fields):
    return add_member(
        case=case,
        relationships={case.children.get().pk: "relative"},
        actor=coordinator,
        confirm_not_duplicate=True,
        name=name,
        phone=phone,
        **fields,
    )


def _meeting(case, coordinator):
    return arrange_meeting(
        case=case,
        kind="first",
        actor=coordinator,
        parts=[
            PartPlan(kind=PartKind.INFORMATION_SHARING, starts_at=at(10, 10), ends_at=at(10, 11), venue_name="Hall"),
            PartPlan(
                kind=PartKind.PRIVATE_FAMILY_TIME, starts_at=at(10, 11, 15), ends_at=at(10, 12), venue_name="Room"
            ),
        ],
    )


def build_world() -> World:
    from network_support.services import ItemInput, start_request, submit_request
    from network_support.services.decisions import ItemOutcomeInput, decide_request

    world = World()
    lp = make_staff(roles.LEAD_PRACTITIONER)
    lp_b = make_staff(roles.LEAD_PRACTITIONER)
    co_a, co_b = make_staff(roles.COORDINATOR), make_staff(roles.COORDINATOR)
    world.users = {
        "coordinator_a": co_a,
        "coordinator_b": co_b,
        "lead_practitioner": lp,
        "manager": make_staff(roles.SERVICE_MANAGER),
        "editor": make_staff(roles.CONTENT_EDITOR),
    }
    case_a = _case(lp, co_a, "Worry A.")
    case_b = _case(lp_b, co_b, "Worry B.")
    parent = _member(case_a, co_a, "Parent A", "+447400700001", has_parental_responsibility=True)
    gran = _member(case_a, co_a, "Gran A", "+447400700002")
    uncle = _member(case_a, co_a, "Uncle A", "+447400700003")
    teen = _member(case_a, co_a, "Teen A", "+447400700004", voice_of=case_a.children.get())
    parent_b = _member(case_b, co_b, "Parent B", "+447400700011", has_parental_responsibility=True)
    for case, member, coordinator in ((case_a, parent, co_a), (case_b, parent_b, co_b)):
        record_consent(
            case=case,
            member=member,
            status=ConsentStatus.GIVEN,
            method=ConsentMethod.IN_PERSON,
            may_share=[],
            actor=coordinator,
        )
    record_exclusion(
        member=uncle,
        participation=Participation.INFORMATION_ONLY,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        note="Professionals only.",
        agencies_consulted="Police",
        review_on=timezone.localdate() + timedelta(days=30),
        actor=lp,
    )
    meeting = _meeting(case_a, co_a)
    meeting_b = _meeting(case_b, co_b)
    send_invitations(meeting=meeting, actor=co_a)
    send_invitations(meeting=meeting_b, actor=co_b)
    slot = offer_slot(meeting=meeting, starts_at=at(12, 10), actor=co_a)
    offer_slot(meeting=meeting_b, starts_at=at(12, 10), actor=co_b)
    choose_plan_writer(meeting=meeting, member=gran, actor=co_a)
    save_plan(
        meeting=meeting,
        member=gran,
        submit=True,
        actions=[ActionText("Worry A.", "Walk", "Gran", "Now")],
        contingency="Uncle",
        how_checked="Sundays",
    )
    voice = record_voice(
        member=teen, audience="meeting", wishes="Stay.", picture=SimpleUploadedFile("p.png", PNG, "image/png")
    )
    action = meeting.plan_versions.get().actions.get()
    request = submit_request(
        request=start_request(
            member=gran,
            barrier="Bus fares.",
            plan_action=action,
            items=[
                ItemInput(
                    category="transport",
                    description="Bus pass",
                    amount_pence=1000,
                    frequency="weekly",
                    starts_on=timezone.localdate(),
                    payments=4,
                )
            ],
        )
    )
    decision = decide_request(
        request=request,
        outcomes=[ItemOutcomeInput(item_id=request.items.get().pk, outcome="approved")],
        reason_for_family="Yes.",
        review_on=timezone.localdate() + timedelta(days=20),
        actor=lp,
    )
    payment = decision.item_decisions.get().payments.first()
    message = OutboundMessage.objects.filter(case_ref=case_a.ref).first()
    token = urlsplit(issue_link(subject_ref=gran.ref, case_ref=case_a.ref)).path.rsplit("/", 1)[1]
    api_client, _key = create_client(
        name="Case system", scopes=["plans"], expires_at=None, actor=world.users["manager"]
    )
    endpoint, _secret = add_webhook(
        client=api_client, url="https://case-system.example/hooks", events=["plan.agreed"], actor=world.users["manager"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_world",
        event_type="plan.agreed",
        event_key="plan.agreed:world",
        payload={"type": "plan.agreed", "data": {"case_id": case_a.pk}},
        status=WebhookDelivery.Status.FAILED,
    )
    world.members = {"family_a": gran, "family_excluded": uncle, "family_b": parent_b}
    world.ids = {
        "case_id": case_a.pk,
        "member_id": parent.pk,
        "slot_id": slot.pk,
        "voice_id": voice.pk,
        "request_id": request.pk,
        "item_id": request.items.get().pk,
        "payment_id": payment.pk,
        "message_id": message.pk,
        "case_ref": case_a.ref,
        "key": "plans",
        "token": token,
        "translation_id": 999999,
        "pk": case_a.pk,
        "client_id": api_client.pk,
        "endpoint_id": endpoint.pk,
        "delivery_id": delivery.pk,
    }
    return world
