"""The family's own pages, as a family member on their phone would use them, and the rules behind them."""

import io
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from fgdm.factories import CaseFactory, ExclusionDecisionFactory
from fgdm.models import (
    ChildVoice,
    FeedbackGiven,
    FeedbackResponse,
    Participation,
    PartKind,
    PlanAction,
    PlanVersion,
    Reply,
)
from fgdm.models.meetings import MeetingStatus
from fgdm.services.availability import offer_slot
from fgdm.services.invitations import send_invitations
from fgdm.services.plans import choose_plan_writer
from portal.family_access.models import SignInCode
from portal.messaging.models import OutboundMessage
from portal.records import FinalRecordError
from tests.family import sign_in
from tests.fgdm.conftest import at
from tests.pictures import picture_bytes
from tests.text import normalize_spaces, words_of

PLAN = {
    "action_0_what": "Gran walks Mia to school every day.",
    "action_0_who": "Gran",
    "action_0_by_when": "From Monday",
    "action_0_help_needed": "Bus fares for Gran",
    "contingency": "Uncle Tom steps in if Gran is ill.",
    "how_checked": "We meet every Sunday.",
    "childs_words": "I want to stay with Mum.",
}


def _main(response) -> str:
    return words_of(BeautifulSoup(response.content, "html.parser").select_one("main"))


def _exclude(member, participation, actor):
    return ExclusionDecisionFactory(
        member=member,
        participation=participation,
        note="Police report about the shed.",
        agencies_consulted="Police",
        decided_by=actor,
    )


@pytest.fixture
def family(consented, member_factory, meeting, coordinator, practitioner):
    """A parent, a gran (the plan writer), an uncle kept to information sharing; invitations sent."""
    gran = member_factory("Gran Jones")
    uncle = member_factory("Uncle Bob")
    _exclude(uncle, Participation.INFORMATION_ONLY, practitioner)
    send_invitations(meeting=meeting, actor=coordinator)
    choose_plan_writer(meeting=meeting, member=gran, actor=coordinator)
    return {"parent": consented, "gran": gran, "uncle": uncle}


def test_my_meeting_shows_only_the_parts_the_member_may_know_of(client, family):
    sign_in(client, family["uncle"])
    page = client.get("/f/meeting/")
    text = _main(page)
    assert "Info Hall" in text and "1 Info Street" in text
    for withheld in ("Family Room", "2 Private Road", "Agreement Suite", "Private family time", "Police", "shed"):
        assert withheld not in text
    calendar = client.get("/f/meeting/calendar.ics").content.decode()
    assert "Info Hall" in calendar and "Family Room" not in calendar and "Agreement Suite" not in calendar


def test_my_meeting_tells_an_invited_member_what_happens_and_who_else_comes(client, family):
    sign_in(client, family["gran"])
    text = _main(client.get("/f/meeting/"))
    assert "Private family time. The professionals leave the room." in text
    assert "Also invited Sarah Parent, Uncle Bob" in text  # information sharing
    assert "Your coordinator is Chris Coordinator." in text


def test_a_member_kept_from_private_family_time_cannot_open_the_plan_by_url(client, family):
    sign_in(client, family["uncle"])
    assert client.get("/f/plan/").status_code == 404
    assert client.get("/f/plan/write/").status_code == 404
    assert client.post("/f/plan/write/", {**PLAN, "submit": ""}).status_code == 404
    assert not PlanVersion.objects.exists()


def test_only_the_plan_writer_may_write_and_others_in_family_time_read_it_as_it_grows(client, family):
    parent = Client()
    sign_in(parent, family["parent"])
    assert parent.get("/f/plan/write/").status_code == 404
    sign_in(client, family["gran"])
    response = client.post("/f/plan/write/", {**PLAN, "contingency": "", "save": ""})
    assert response.status_code == 302
    assert "Gran walks Mia to school every day." in _main(parent.get("/f/plan/"))
    assert "Gran Jones is still writing this plan." in _main(parent.get("/f/plan/"))


def test_a_plan_sent_with_empty_sections_says_which_and_keeps_what_was_typed(client, family):
    sign_in(client, family["gran"])
    response = client.post("/f/plan/write/", {"action_0_what": "Gran walks Mia to school.", "submit": ""})
    text = _main(response)
    assert "There is a problem" in text
    assert "Say who will do it, for: Worried about school attendance." in text
    assert "Say by when, for: Worried about school attendance." in text
    assert "Say what you will do if the plan is not working." in text
    assert "Say how you will check the plan is working." in text
    assert "Say what you will do about" not in text
    assert response.context["form"]["action_0_what"].value() == "Gran walks Mia to school."
    assert not PlanVersion.objects.exists()


def test_sending_the_plan_keeps_versions_and_tells_the_professionals(client, family, case):
    sign_in(client, family["gran"])
    client.post("/f/plan/write/", {**PLAN, "save": ""})
    with pytest.raises(FinalRecordError):
        PlanVersion.objects.get().save()
    response = client.post("/f/plan/write/", {**PLAN, "submit": ""})
    assert response.url == "/f/plan/"
    assert list(PlanVersion.objects.order_by("number").values_list("number", "status")) == [
        (1, "draft"),
        (2, "submitted"),
    ]
    action = PlanAction.objects.get(version__number=2)
    assert (action.worry, action.what, action.help_needed) == (
        "Worried about school attendance.",
        "Gran walks Mia to school every day.",
        "Bus fares for Gran",
    )
    with pytest.raises(FinalRecordError):
        action.delete()


def test_the_lead_practitioner_agrees_the_plan_and_the_family_sees_it(client, family, case, practitioner, coordinator):
    sign_in(client, family["gran"])
    client.post("/f/plan/write/", {**PLAN, "submit": ""})
    staff = Client()
    staff.force_login(coordinator)
    staff_page = staff.get(f"/cases/{case.pk}/plan/")
    assert "Gran walks Mia to school every day." in _main(staff_page)
    assert "Record decision" not in _main(staff_page)  # only the lead practitioner decides
    staff.force_login(practitioner)
    missing = staff.post(f"/cases/{case.pk}/plan/", {"agreed": "yes"})
    assert "Enter the date the plan will be reviewed." in _main(missing)
    review_on = timezone.localdate() + timedelta(days=90)
    staff.post(f"/cases/{case.pk}/plan/", {"agreed": "yes", "review_on": review_on.strftime("%d/%m/%Y")})
    text = _main(client.get("/f/plan/"))
    assert f"Your plan is agreed It will be looked at again on {review_on:%-d %B %Y}." in text
    told = set(OutboundMessage.objects.filter(template="fgdm.plan_decided").values_list("recipient_ref", flat=True))
    assert told == {family["parent"].ref, family["gran"].ref}  # not the uncle kept from family time
    assert client.get("/f/plan/write/").status_code == 200
    refused = client.post("/f/plan/write/", {**PLAN, "submit": ""})
    assert "Your plan has been agreed, so it cannot be changed now." in _main(refused)


def test_a_plan_not_agreed_tells_the_family_why_in_plain_words(client, family, case, practitioner):
    sign_in(client, family["gran"])
    client.post("/f/plan/write/", {**PLAN, "submit": ""})
    staff = Client()
    staff.force_login(practitioner)
    no_reason = staff.post(f"/cases/{case.pk}/plan/", {"agreed": "no"})
    assert "Say why the plan is not agreed, in words the family will understand." in _main(no_reason)
    staff.post(f"/cases/{case.pk}/plan/", {"agreed": "no", "reason": "The plan must say who collects Mia."})
    text = _main(client.get("/f/plan/"))
    assert "The lead practitioner has not agreed the plan yet The plan must say who collects Mia." in text
    assert "Change the plan" in text


def test_a_reply_with_an_interpreter_need_reaches_the_reply_board(client, family, case, coordinator):
    sign_in(client, family["gran"])
    missing = client.post("/f/meeting/reply/", {"answer": "yes", "interpreter": "spoken"})
    assert "Say which language the interpreter should speak." in _main(missing)
    client.post(
        "/f/meeting/reply/",
        {"answer": "yes", "interpreter": "spoken", "interpreter_language": "Polish", "travel_help": "on"},
    )
    reply = Reply.objects.get(invitation__member=family["gran"])
    assert (reply.answer, reply.interpreter_language, reply.travel_help, reply.via) == ("yes", "Polish", True, "link")
    staff = Client()
    staff.force_login(coordinator)
    board = _main(staff.get(f"/cases/{case.pk}/meeting/replies/"))
    assert "Gran Jones" in board and "Interpreter: Polish" in board and "Travel help" in board


def test_members_mark_times_and_the_coordinator_confirms_the_best(client, family, meeting, coordinator, case):
    early = offer_slot(meeting=meeting, starts_at=at(12, 10), actor=coordinator)
    late = offer_slot(meeting=meeting, starts_at=at(13, 18), actor=coordinator)
    for name, answer_early, answer_late in (("gran", "no", "yes"), ("parent", "maybe", "yes")):
        member_client = Client()
        sign_in(member_client, family[name])
        member_client.post("/f/meeting/times/", {f"slot_{early.pk}": answer_early, f"slot_{late.pk}": answer_late})
    staff = Client()
    staff.force_login(coordinator)
    rows = BeautifulSoup(staff.get(f"/cases/{case.pk}/meeting/times/").content, "html.parser").select("tbody tr")
    assert rows[0].select_one("strong.govuk-tag").text == "Best" and len(rows[1].select("strong.govuk-tag")) == 0
    assert normalize_spaces(rows[0].select("td")[1].text) == "2"
    OutboundMessage.objects.all().delete()
    staff.post(f"/cases/{case.pk}/meeting/times/{late.pk}/confirm/")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert timezone.localtime(meeting.parts.get(kind=PartKind.INFORMATION_SHARING).starts_at) == at(13, 18)
    told = set(OutboundMessage.objects.filter(template="fgdm.invitation").values_list("recipient_ref", flat=True))
    assert told == {family["parent"].ref, family["gran"].ref, family["uncle"].ref}


def test_times_must_be_answered_and_a_member_with_nothing_to_know_sees_none(client, family, meeting, coordinator):
    slot = offer_slot(meeting=meeting, starts_at=at(12, 10), actor=coordinator)
    sign_in(client, family["gran"])
    response = client.post("/f/meeting/times/", {})
    assert "Say whether at least one of the times suits you." in _main(response)
    assert slot.answers.count() == 0


def _png():
    return SimpleUploadedFile("drawing.png", picture_bytes("PNG"), content_type="image/png")


def test_the_child_chooses_who_sees_their_views(client, family, case, member_factory, coordinator, practitioner):
    teen = member_factory("Mia Jones", voice_of=case.children.get())
    sign_in(client, teen)
    client.post(
        "/f/child/",
        {"wishes": "I want to live with Gran.", "audience": "coordinator", "picture": _png()},
    )
    voice = ChildVoice.objects.get()
    assert voice.picture_type == "image/png" and voice.audience == "coordinator"
    as_coordinator, as_practitioner = Client(), Client()
    as_coordinator.force_login(coordinator)
    as_practitioner.force_login(practitioner)
    assert "I want to live with Gran." in _main(as_coordinator.get(f"/cases/{case.pk}/plan/"))
    assert "I want to live with Gran." not in _main(as_practitioner.get(f"/cases/{case.pk}/plan/"))
    picture = f"/cases/{case.pk}/voices/{voice.pk}/picture/"
    assert as_coordinator.get(picture).status_code == 200
    assert as_practitioner.get(picture).status_code == 404


def test_a_polyglot_is_kept_as_a_fresh_jpeg_under_a_random_name_and_still_shows_to_staff(
    client, family, case, member_factory, coordinator
):
    teen = member_factory("Mia Jones", voice_of=case.children.get())
    sign_in(client, teen)
    html = b"<html><script>alert(document.cookie)</script></html>"
    photo = picture_bytes("JPEG", size=(40, 30), exif=True)
    assert b"Exif" in photo and b"Family phone" in photo  # what a phone's photo carries
    polyglot = SimpleUploadedFile("x.html", photo + html, content_type="text/html")
    client.post("/f/child/", {"wishes": "Look.", "audience": "meeting", "picture": polyglot})

    voice = ChildVoice.objects.get()
    assert re.fullmatch(r"child-voice/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", voice.picture.name), voice.picture.name
    stored = voice.picture.open("rb").read()
    assert b"<html" not in stored and b"<script" not in stored
    assert b"Exif" not in stored and b"Family phone" not in stored
    staff = Client()
    staff.force_login(coordinator)
    response = staff.get(f"/cases/{case.pk}/voices/{voice.pk}/picture/")
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    shown = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (shown.format, shown.size, shown.getexif() == {}) == ("JPEG", (40, 30), True)


def test_a_picture_that_is_not_a_photo_is_refused_and_the_words_stay(client, family, case, member_factory):
    teen = member_factory("Mia Jones", voice_of=case.children.get())
    sign_in(client, teen)
    fake = SimpleUploadedFile("drawing.png", b"MZ not a picture", content_type="image/png")
    response = client.post("/f/child/", {"wishes": "Keep my dog.", "audience": "meeting", "picture": fake})
    assert "The picture must be a JPG or PNG photo." in _main(response)
    assert response.context["form"]["wishes"].value() == "Keep my dog."
    assert not ChildVoice.objects.exists()


def test_only_a_child_or_their_advocate_has_the_childs_page(client, family):
    sign_in(client, family["gran"])
    assert client.get("/f/child/").status_code == 404


def test_feedback_after_the_meeting_is_anonymous_and_given_once(client, family, meeting):
    sign_in(client, family["gran"])
    assert client.get("/f/feedback/").status_code == 404  # the meeting has not started
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    response = client.post(
        "/f/feedback/", {"explained": "yes", "heard": "partly", "language_and_access": "not_needed", "comments": "ok"}
    )
    assert response.url == "/f/meeting/"
    answer = FeedbackResponse.objects.get()
    assert answer.month == timezone.localdate().replace(day=1)
    assert {f.name for f in FeedbackResponse._meta.get_fields()} == {
        "id",
        "explained",
        "heard",
        "language_and_access",
        "comments",
        "language",
        "month",
    }
    assert FeedbackGiven.objects.filter(member=family["gran"]).exists()
    assert client.get("/f/feedback/").status_code == 404


def test_one_members_session_cannot_read_another_case(client, family, practitioner, coordinator):
    other = CaseFactory(lead_practitioner=practitioner, coordinator=None, worries="Another family.", child_name="Sam")
    sign_in(client, family["gran"])
    assert client.get(f"/cases/{other.pk}/").status_code == 302  # staff pages send a family member to sign in
    assert client.get(f"/cases/{other.pk}/plan/").status_code == 302
    # The session is bound to its member and case: a tampered case ref finds no one.
    stored = client.session
    stored["family"]["case"] = other.ref
    stored.save()
    assert client.get("/f/meeting/").status_code == 404


def test_queries_on_family_pages_do_not_grow_with_the_network(
    client, family, member_factory, meeting, coordinator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, family["gran"])

    def count(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    pages = ["/f/meeting/", "/f/plan/", "/f/meeting/reply/", "/f/meeting/calendar.ics"]
    before = {path: count(path) for path in pages}
    for number in range(15):
        member_factory(f"Cousin {number}")
    send_invitations(meeting=meeting, actor=coordinator)
    after = {path: count(path) for path in pages}
    assert after == before


def test_plan_submission_emails_the_professionals_without_personal_details(
    client, family, case, practitioner, coordinator, django_capture_on_commit_callbacks
):
    sign_in(client, family["gran"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/f/plan/write/", {**PLAN, "submit": ""})
    assert sorted(email.to[0] for email in mail.outbox) == sorted([practitioner.email, coordinator.email])
    for email in mail.outbox:
        assert email.subject == f"A family plan is ready for you to read ({case.reference})"
        assert email.body == (
            f"The family has sent their plan for case {case.reference}. Read it here:\n"
            f"{settings.PUBLIC_BASE_URL}/cases/{case.pk}/plan/"
        )
    # Through the outbox like every message: one row each, sent, on the case's record.
    rows = OutboundMessage.objects.filter(template="fgdm.plan_submitted")
    assert sorted(rows.values_list("status", "case_ref", "channel")) == [("sent", case.ref, "email")] * 2


def test_offering_a_time_in_the_past_or_twice_is_a_plain_error(client, case, meeting, coordinator):
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/meeting/times/"
    past = client.post(url, {"day": "01/01/2020", "start": "10:00"})
    assert "The time must be in the future." in _main(past)
    assert "Enter the start time" in _main(client.post(url, {"day": "01/01/2030"}))
    client.post(url, {"day": "01/01/2030", "start": "10:00"})
    again = client.post(url, {"day": "01/01/2030", "start": "10:00"})
    assert "This time is already offered." in _main(again)
    assert meeting.slots.count() == 1


def test_the_meeting_page_links_to_the_guides_in_the_members_language(
    client, consented, member_factory, meeting, coordinator
):
    polish = member_factory("Babcia Nowak", language="pl")
    send_invitations(meeting=meeting, actor=coordinator)
    sign_in(client, polish)
    page = BeautifulSoup(client.get("/f/meeting/").content, "html.parser")
    assert page.html["lang"] == "pl"
    assert page.select_one('main a[href="/pl/"]') is not None


def test_a_member_chooses_their_language_and_it_wins_on_pages_and_messages(client, family, meeting, coordinator):
    gran = family["gran"]
    sign_in(client, gran)
    assert "Choose a language." in _main(client.post("/f/language/", {}))
    client.post("/f/language/", {"language": "pl"})
    gran.refresh_from_db()
    assert gran.language == "pl"
    page = BeautifulSoup(client.get("/f/meeting/").content, "html.parser")
    assert page.html["lang"] == "pl"
    from django.utils import translation

    with translation.override("pl"):
        polish = translation.gettext("Your family meeting")
    assert polish != "Your family meeting"
    assert page.select_one("h1").text.strip() == polish  # the page itself is in Polish now
    from portal.messaging.registry import recipient

    assert recipient(gran.ref).language == "pl"


def test_the_phone_keeps_the_draft_under_a_key_that_names_nobody_and_is_told_when_the_server_has_it(
    client, family, case
):
    sign_in(client, family["gran"])
    page = BeautifulSoup(client.get("/f/plan/write/").content, "html.parser")
    form = page.select_one("form[data-plan-draft]")
    key = form["data-plan-draft"]
    assert len(key) == 32 and all(ch in "0123456789abcdef" for ch in key)
    assert family["gran"].ref not in key and case.ref not in key
    assert form["data-plan-draft-base"] == ""
    assert page.select_one("[data-plan-draft-restored]").has_attr("hidden")
    assert not page.select("[data-drafts-done]")

    saved = client.post("/f/plan/write/", {**PLAN, "save": ""}, follow=True)
    page = BeautifulSoup(saved.content, "html.parser")
    assert normalize_spaces(page.select_one("[data-drafts-done]").get_text(" ")).endswith(
        "Your plan is saved. Others in family time can read it."
    )
    # The same key after signing in again half an hour later, now over the saved version.
    SignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=31))
    again = Client()
    sign_in(again, family["gran"])
    form = BeautifulSoup(again.get("/f/plan/write/").content, "html.parser").select_one("form[data-plan-draft]")
    assert form["data-plan-draft"] == key
    assert form["data-plan-draft-base"] == str(PlanVersion.objects.get().pk)

    sent = again.post("/f/plan/write/", {**PLAN, "submit": ""}, follow=True)
    assert BeautifulSoup(sent.content, "html.parser").select("[data-drafts-done]")
