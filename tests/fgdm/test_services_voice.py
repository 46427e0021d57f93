"""fgdm.services.voice: a child's views in their words or their advocate's, with who may see them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fgdm.models import ChildVoice
from fgdm.services.voice import PICTURE_LIMIT, record_voice
from portal.audit.models import AuditEvent
from tests.pictures import picture_bytes
from tests.text import errors_of

pytestmark = pytest.mark.django_db
PNG = picture_bytes("PNG")
JPEG = picture_bytes("JPEG")


@pytest.fixture
def mia(case, member_factory):
    return member_factory("Mia", voice_of=case.children.get())


def test_a_childs_views_are_kept_in_their_words_with_who_may_see_them(mia):
    voice = record_voice(member=mia, audience="coordinator", wishes="  Stay with Nan. ", worries="Shouting.")

    assert (voice.wishes, voice.worries, voice.going_well, voice.audience) == (
        "Stay with Nan.",
        "Shouting.",
        "",
        "coordinator",
    )
    assert (voice.child, voice.case, voice.given_by) == (mia.voice_of, mia.case, mia)
    event = AuditEvent.objects.get(action="child_voice.recorded")
    assert (event.actor_label, event.detail) == (mia.ref, {"audience": "coordinator"})


def test_only_the_child_or_their_advocate_gives_the_childs_views(consented):
    with pytest.raises(PermissionDenied):
        record_voice(member=consented, audience="meeting", wishes="Stay.")

    assert not ChildVoice.objects.exists()


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"audience": "everyone", "wishes": "Stay."}, {"audience": ["Choose who can see this."]}),
        ({"audience": "meeting", "wishes": "   "}, {"going_well": ["Write something, or add a picture."]}),
        (
            {"audience": "meeting", "picture": SimpleUploadedFile("p.png", b"GIF89a" + b"0" * 64, "image/png")},
            {"picture": ["The picture must be a JPG or PNG photo."]},
        ),
        (
            {"audience": "meeting", "picture": SimpleUploadedFile("big.png", PNG + b"0" * PICTURE_LIMIT, "image/png")},
            {"picture": ["The picture must be smaller than 5 MB."]},
        ),
    ],
)
def test_views_need_an_audience_and_something_said_and_a_picture_must_be_a_small_photo(mia, fields, expected):
    with pytest.raises(ValidationError) as error:
        record_voice(member=mia, **fields)

    assert errors_of(error) == expected
    assert not ChildVoice.objects.exists()


def test_a_photo_is_told_by_its_bytes_and_kept_when_the_words_change(mia):
    first = record_voice(member=mia, audience="meeting", picture=SimpleUploadedFile("drawing.png", JPEG, "image/png"))

    second = record_voice(member=mia, audience="meeting", wishes="Football on Saturdays.")
    third = record_voice(member=mia, audience="meeting", wishes="Football.", keep_picture=False)

    assert first.picture_type == "image/jpeg"
    assert (second.picture.name, second.picture_type) == (first.picture.name, "image/jpeg")
    assert (third.picture.name, third.picture_type) == ("", "")
    assert ChildVoice.objects.filter(given_by=mia).count() == 3
