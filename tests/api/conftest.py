"""A case holding everything the API must never disclose, and a client that may read all of it.

Every secret is a distinctive string, so a test can search every response for it.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from api.services.clients import create_client
from fgdm.factories import PartnerRequestFactory, all_answered
from fgdm.models import ExclusionReason, Known, Meeting, Participation, Risk
from fgdm.services.exclusions import record_exclusion
from fgdm.services.outcomes import close_case
from fgdm.services.plans import decide_plan
from network_support.services.decisions import ItemOutcomeInput, decide_request
from portal.family_access.models import PersonalLink
from portal.family_access.services import hash_token, issue_link, send_code
from tests.network_support.conftest import *  # noqa: F403

SECRETS = {
    "exclusion note": "Seen at the door with a knife in 2024",
    "exclusion agencies": "Northshire Police public protection unit",
    "exclusion reason": str(ExclusionReason.DOMESTIC_ABUSE.label),
    "internal note": "Manager says budget is tight; do not tell family",
    "safety plan arrivals": "Uncle arrives 30 minutes after the others",
    "safety plan rooms": "Uncle waits in the blue room",
    "safety plan who to call": "Call duty desk on 01632 960000",
    "safety plan if threatening": "Stop the meeting and call 999",
    "phone": "+447400990011",
    "email": "nan.private@example.org",
    "partner answer": "Zq-api partner: restraining order until 2027",
    "partner agency": "Zq-api Constabulary public protection",
    "partner contact": "zq.rowe@constabulary.example",
}


@dataclass
class ApiWorld:
    case: object
    plan: object
    decision: object
    request: object
    manager: object
    key: str
    client: object
    secrets: dict = field(default_factory=dict)

    def api(self, key: str | None = None) -> Client:
        return Client(headers={"authorization": f"Bearer {key or self.key}"})


@pytest.fixture
def api_world(case, consented, member_factory, practitioner, coordinator, manager, plan_action, submitted):
    nan = member_factory("Nan", phone=SECRETS["phone"], email=SECRETS["email"])
    uncle = member_factory("Uncle Ray")
    answered = PartnerRequestFactory(
        members=[uncle],
        agency_name=SECRETS["partner agency"],
        contact_email=SECRETS["partner contact"],
        answers={uncle: {**all_answered(Known.NO), Risk.DOMESTIC_ABUSE: Known.YES}},
        details={uncle: SECRETS["partner answer"]},
    )
    record_exclusion(
        member=uncle,
        informed_by=list(answered.answers.all()),
        participation=Participation.INFORMATION_ONLY,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        note=SECRETS["exclusion note"],
        agencies_consulted=SECRETS["exclusion agencies"],
        review_on=timezone.localdate() + timedelta(days=30),
        actor=practitioner,
    )
    Meeting.objects.filter(pk=plan_action.version.meeting_id).update(
        separate_arrivals=SECRETS["safety plan arrivals"],
        separate_waiting_rooms=SECRETS["safety plan rooms"],
        who_to_call=SECRETS["safety plan who to call"],
        if_threatening=SECRETS["safety plan if threatening"],
    )
    plan = plan_action.version
    decision = decide_plan(
        version=plan, agreed=True, reason="", review_on=timezone.localdate() + timedelta(days=60), actor=practitioner
    )
    decide_request(
        request=submitted,
        outcomes=[ItemOutcomeInput(item_id=item.pk, outcome="approved") for item in submitted.items.all()],
        reason_for_family="Yes, for the bus and the beds.",
        internal_note=SECRETS["internal note"],
        review_on=timezone.localdate() + timedelta(days=90),
        actor=practitioner,
    )
    close_case(case=case, outcomes={case.children.get().pk: ("with_network", False)}, actor=coordinator)
    link_url = issue_link(subject_ref=nan.ref, case_ref=case.ref)
    token = urlsplit(link_url).path.rsplit("/", 1)[1]
    link = PersonalLink.objects.get(token_hash=hash_token(token))
    send_code(link=link)
    client, key = create_client(
        name="Mosaic",
        scopes=["cases", "meetings", "plans", "outcomes", "support", "figures"],
        expires_at=None,
        actor=manager,
    )
    secrets = dict(SECRETS)
    secrets["sign-in link token"] = token
    secrets["sign-in link hash"] = link.token_hash
    secrets["sign-in code hash"] = link.codes.get().code_hash
    return ApiWorld(
        case=case,
        plan=plan,
        decision=decision,
        request=submitted,
        manager=manager,
        key=key,
        client=client,
        secrets=secrets,
    )
