"""fgdm.services.letters: letters for people reached by post, in their language, under the audience rule."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from fgdm.factories import ExclusionDecisionFactory, PlanAgreementFactory, PlanVersionFactory
from fgdm.models import Participation
from fgdm.services.letters import INVITATION, MEETING_CHANGED, PLAN_DECIDED, letters_possible, make_letter
from portal.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
HOME = "1 Mill Lane\nNorthtown NT1 1AA"
SIHARI = "\u0a3f"


def text_of(letter) -> str:
    reader = PdfReader(io.BytesIO(letter.pdf))
    return " ".join(page.extract_text() for page in reader.pages)


def language_of(letter) -> str:
    """The document language of a tagged PDF (a screen reader reads it in that language)."""
    root = PdfReader(io.BytesIO(letter.pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    return str(root["/Lang"])


@pytest.fixture
def by_post(member_factory, consented):
    """Stan, who has no phone or email: only a postal address."""

    def make(name="Stan Grandad", *, address=HOME, **fields):
        return member_factory(name, phone="", email="", postal_address=address, **fields)

    return make


def test_an_invitation_letter_tells_the_meeting_in_english(by_post, meeting, coordinator):
    stan = by_post()

    letter = make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)

    text = text_of(letter)
    assert letter.pdf.startswith(b"%PDF-")
    assert language_of(letter) == "en"
    assert "You are invited to a family meeting" in text
    assert "Dear Stan Grandad," in text
    for words in ["Info Hall", "1 Info Street", "Family Room", "2 Private Road", "Agreement Suite", "Sarah Parent"]:
        assert words in text
    assert "Northtown NT1 1AA" in text
    assert letter.filename == f"letter-invitation-{meeting.pk}-{stan.pk}.pdf"
    event = AuditEvent.objects.get(action="letter.made")
    assert event.detail["letter"] == "invitation" and event.detail["meeting"] == meeting.pk
    assert event.detail["parts"] == ["information_sharing", "private_family_time", "plan_agreement"]


def test_an_arabic_letter_is_shaped_right_to_left_in_arabic(by_post, meeting, coordinator):
    stan = by_post(language="ar")

    letter = make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)

    text = text_of(letter)
    assert language_of(letter) == "ar"
    assert "أنت مدعو إلى اجتماع عائلي" in text
    assert "Info Hall" in text  # names and addresses stay as written
    assert "You are invited" not in text


def test_a_panjabi_letter_is_in_gurmukhi(by_post, meeting, coordinator):
    stan = by_post(language="pa")

    letter = make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)

    # A PDF's text may put Gurmukhi's sihari (the vowel drawn before its letter) where it is drawn.
    text = " ".join(text_of(letter).replace(SIHARI, "").split())
    assert language_of(letter) == "pa"
    assert "ਤੁਹਾਨੂੰ ਪਰਿਵਾਰਕ ਮੀਟਿੰਗ ਲਈ ਸੱਦਾ ਹੈ".replace(SIHARI, "") in text
    assert "ਇਸ ਚਿੱਠੀ ਦੀ ਤਾਰੀਖ਼".replace(SIHARI, "") in text
    assert "Info Hall" in text
    assert "You are invited" not in text


def test_a_withheld_part_is_not_in_the_letter(by_post, meeting, coordinator):
    stan = by_post()
    ExclusionDecisionFactory(member=stan, participation=Participation.INFORMATION_ONLY)

    text = text_of(make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator))

    assert "Info Hall" in text
    for withheld in ["Family Room", "2 Private Road", "Agreement Suite", "3 Plan Avenue"]:
        assert withheld not in text


def test_a_letter_to_an_address_shared_with_someone_kept_from_a_part_leaves_that_part_out(
    by_post, member_factory, meeting, coordinator
):
    stan = by_post()
    # His son lives at the same address (written differently) and is kept to information sharing.
    son = member_factory("Dave Son", postal_address="1 mill lane, Northtown  NT1 1AA")
    ExclusionDecisionFactory(member=son, participation=Participation.INFORMATION_ONLY)

    text = text_of(make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator))

    assert "Info Hall" in text
    for withheld in ["Family Room", "2 Private Road", "Agreement Suite", "3 Plan Avenue"]:
        assert withheld not in text


def test_no_letter_to_an_address_shared_with_someone_who_may_not_be_contacted(
    by_post, member_factory, meeting, coordinator
):
    stan = by_post()
    son = member_factory("Dave Son", postal_address=HOME)
    ExclusionDecisionFactory(member=son, participation=Participation.NO_CONTACT)

    with pytest.raises(ValidationError) as refused:
        make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)

    assert refused.value.messages == ["Shares a postal address with someone who must not know the details."]
    assert letters_possible(stan, meeting)[0] == []
    assert not AuditEvent.objects.filter(action="letter.made").exists()


def test_a_venue_address_withheld_from_a_housemate_is_left_out(by_post, member_factory, meeting, coordinator):
    stan = by_post()
    son = member_factory("Dave Son", postal_address=HOME)
    ExclusionDecisionFactory(member=son, participation=Participation.ALL, withhold_venue_address=True)

    text = text_of(make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator))

    assert "Info Hall" in text and "Family Room" in text
    assert "1 Info Street" not in text and "2 Private Road" not in text


@pytest.mark.parametrize("participation", [Participation.NO_CONTACT, Participation.WRITTEN_VIEWS])
def test_someone_excluded_gets_no_letter(by_post, meeting, coordinator, participation):
    stan = by_post()
    ExclusionDecisionFactory(member=stan, participation=participation)

    with pytest.raises(ValidationError):
        make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)


def test_no_letter_without_a_postal_address_that_is_safe(by_post, member_factory, meeting, coordinator):
    stan = member_factory("Stan Grandad", postal_address=HOME, allow_post=False)  # and a phone
    phone_only = member_factory("Pat Phone")

    for member in [stan, phone_only]:
        with pytest.raises(ValidationError) as refused:
            make_letter(member=member, meeting=meeting, kind=INVITATION, actor=coordinator)
        assert refused.value.messages == ["Has no postal address that is safe to use."]


def test_no_letter_before_consent(member_factory, meeting, coordinator):
    stan = member_factory("Stan Grandad", phone="", email="", postal_address=HOME)

    with pytest.raises(ValidationError):
        make_letter(member=stan, meeting=meeting, kind=INVITATION, actor=coordinator)


def test_a_change_letter_only_once_the_meeting_has_changed(by_post, meeting, coordinator):
    stan = by_post()

    assert letters_possible(stan, meeting)[0] == [INVITATION]
    with pytest.raises(ValidationError):
        make_letter(member=stan, meeting=meeting, kind=MEETING_CHANGED, actor=coordinator)
    meeting.version = 2
    meeting.save(update_fields=["version"])

    text = text_of(make_letter(member=stan, meeting=meeting, kind=MEETING_CHANGED, actor=coordinator))
    assert "Your family meeting has changed" in text


def test_a_plan_letter_says_what_was_decided_to_those_who_may_know_the_plan(
    by_post, member_factory, meeting, coordinator
):
    stan = by_post(language="pl")
    kept_out = by_post("Uma Aunt", address="9 Other Road")
    ExclusionDecisionFactory(member=kept_out, participation=Participation.INFORMATION_ONLY)
    PlanAgreementFactory(version=PlanVersionFactory(meeting=meeting, written_by=stan))

    assert PLAN_DECIDED in letters_possible(stan, meeting)[0]
    text = text_of(make_letter(member=stan, meeting=meeting, kind=PLAN_DECIDED, actor=coordinator))
    assert "Family Room" not in text  # a plan letter tells the decision, not the meeting again
    with pytest.raises(ValidationError):
        make_letter(member=kept_out, meeting=meeting, kind=PLAN_DECIDED, actor=coordinator)
