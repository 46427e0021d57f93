"""Two families and every kind of visitor, for the security suite.

Case A has a consented network, a meeting with offered times, a sent plan, a child's views with a
picture, a support request with a decision and a payment, and a member kept to information
sharing, and an API client with a webhook address and a failed delivery. Case B is a second family
with its own coordinator. Roles are signed-in clients.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from api.models import WebhookDelivery
from api.services.clients import add_webhook, create_client
from fgdm.factories import (
    CaseFactory,
    ConsentDecisionFactory,
    ExclusionDecisionFactory,
    MeetingFactory,
    NetworkMemberFactory,
    ParentFactory,
    PlanVersionFactory,
    TimeSlotFactory,
    at,
)
from fgdm.models import PartKind, Stage
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan
from fgdm.services.plans import ActionText
from fgdm.services.voice import record_voice
from network_support.factories import ItemInputFactory, SupportDecisionFactory, SupportRequestFactory
from portal.accounts import roles
from portal.family_access.services import issue_link
from portal.messaging.models import OutboundMessage
from tests.factories import make_staff
from tests.family import sign_in
from tests.pictures import picture_bytes

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
PNG = picture_bytes("PNG")


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


def _family(lead, coordinator, letter):
    """A pre-proceedings case with a parent who consented, and a meeting in two parts ten days ahead."""
    case = CaseFactory(
        lead_practitioner=lead,
        coordinator=coordinator,
        stage=Stage.PRE_PROCEEDINGS,
        worries=f"Worry {letter}.",
        child_name="Child",
    )
    # With a postal address too, so a letter can be made for them.
    parent = ParentFactory(
        case=case, name=f"Parent {letter}", relationship="relative", postal_address=f"{letter} Mill Lane\nNorthtown"
    )
    ConsentDecisionFactory(member=parent)
    meeting = MeetingFactory(
        case=case,
        parts=[
            PartPlan(PartKind.INFORMATION_SHARING, at(10, 10), at(10, 11), "Hall"),
            PartPlan(PartKind.PRIVATE_FAMILY_TIME, at(10, 11, 15), at(10, 12), "Room"),
        ],
    )
    return case, parent, meeting


def build_world() -> World:
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
    case_a, parent, meeting = _family(lp, co_a, "A")
    _, parent_b, meeting_b = _family(lp_b, co_b, "B")
    gran = NetworkMemberFactory(case=case_a, name="Gran A")
    uncle = NetworkMemberFactory(case=case_a, name="Uncle A")
    teen = NetworkMemberFactory(case=case_a, name="Teen A", voice_of=case_a.children.get())
    # Kept to information sharing, for domestic abuse (the factory's decision).
    ExclusionDecisionFactory(member=uncle, note="Professionals only.", agencies_consulted="Police")
    send_invitations(meeting=meeting, actor=co_a)
    send_invitations(meeting=meeting_b, actor=co_b)
    slot = TimeSlotFactory(meeting=meeting, starts_at=at(12, 10))
    TimeSlotFactory(meeting=meeting_b, starts_at=at(12, 10))
    version = PlanVersionFactory(
        meeting=meeting,
        written_by=gran,
        actions=[ActionText("Worry A.", "Walk", "Gran", "Now")],
        contingency="Uncle",
        how_checked="Sundays",
    )
    voice = record_voice(
        member=teen, audience="meeting", wishes="Stay.", picture=SimpleUploadedFile("p.png", PNG, "image/png")
    )
    request = SupportRequestFactory(
        member=gran,
        barrier="Bus fares.",
        plan_action=version.actions.get(),
        items=[ItemInputFactory(description="Bus pass", amount_pence=1000, starts_on=timezone.localdate(), payments=4)],
    )
    decision = SupportDecisionFactory(request=request, decided_by=lp)
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
        "meeting_id": meeting.pk,
        "letter": "invitation",
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
