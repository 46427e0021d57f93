"""Object ids typed into forms and URLs reach only the visitor's own case (insecure direct object references)."""

import pytest

from fgdm.models import Attendance, InterpreterBooking, LegalHold, MeetingPart, SlotAnswer, TimeSlot
from network_support.models import SupportItem
from portal.messaging.models import OutboundMessage
from tests.fgdm.conftest import at
from tests.security.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def _case_b_member(world):
    return world.members["family_b"]


def test_member_ids_of_another_case_are_not_accepted_in_a_coordinators_forms(world):
    client = world.client("coordinator_a")
    case_id, outsider = world.ids["case_id"], _case_b_member(world)
    client.post(f"/cases/{case_id}/meeting/interpreters/", {"language": "Polish", "members": [outsider.pk]})
    assert not InterpreterBooking.objects.exists()
    response = client.post(f"/cases/{case_id}/meeting/plan-writer/", {"plan_writer": outsider.pk})
    assert response.status_code == 200 and response.context["form"].errors
    MeetingPart.objects.filter(meeting__case_id=case_id).update(starts_at=at(-1, 10), ends_at=at(-1, 11))
    client.post(f"/cases/{case_id}/meeting/held/", {"attended": [outsider.pk]})
    assert not Attendance.objects.filter(invitation__member=outsider).exists()
    assert not Attendance.objects.filter(attended=True).exists()


def test_a_family_member_cannot_answer_for_another_meetings_times(world):
    other_slot = TimeSlot.objects.exclude(pk=world.ids["slot_id"]).get()
    client = world.client("family_a")
    client.post("/f/meeting/times/", {f"slot_{other_slot.pk}": "yes", f"slot_{world.ids['slot_id']}": "no"})
    assert not SlotAnswer.objects.filter(slot=other_slot).exists()
    assert SlotAnswer.objects.get(slot_id=world.ids["slot_id"]).suits == "no"


def test_another_family_cannot_touch_a_support_request_by_its_id(world):
    client = world.client("family_b")
    request_id, item_id = world.ids["request_id"], world.ids["item_id"]
    assert client.post(f"/f/help/{request_id}/items/{item_id}/remove/").status_code == 404
    assert client.post(f"/f/help/{request_id}/withdraw/").status_code == 404
    assert SupportItem.objects.filter(pk=item_id).exists()


def test_another_coordinator_cannot_confirm_a_time_or_resend_a_message_by_id(world):
    client = world.client("coordinator_b")
    case_id = world.ids["case_id"]
    assert client.post(f"/cases/{case_id}/meeting/times/{world.ids['slot_id']}/confirm/").status_code == 404
    message = OutboundMessage.objects.get(pk=world.ids["message_id"])
    OutboundMessage.objects.filter(pk=message.pk).update(status="failed")
    response = client.post(f"/staff/messages/{world.ids['case_ref']}/{message.pk}/resend/")
    assert response.status_code == 404
    assert not OutboundMessage.objects.filter(resent_from=message).exists()


def test_a_legal_hold_is_lifted_only_from_its_own_case(world):
    from fgdm.services.outcomes import place_hold

    other_case = _case_b_member(world).case
    hold = place_hold(case=other_case, reason="Court", actor=world.users["manager"])
    world.client("manager").post(f"/cases/{world.ids['case_id']}/hold/", {"lift": str(hold.pk)})
    assert LegalHold.objects.get(pk=hold.pk).lifted_at is None
