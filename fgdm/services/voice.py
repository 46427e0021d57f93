import io
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from fgdm.models import ChildVoice, NetworkMember, VoiceAudience
from portal.audit.services import record

PICTURE_TYPES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
PICTURE_LIMIT = 5 * 1024 * 1024
PICTURE_PIXELS = 40_000_000  # more than any phone camera; a small file that opens into more is a trap
PICTURE_FORMATS = {"image/jpeg": ("JPEG", "jpg"), "image/png": ("PNG", "png")}
VOICE_FIELDS = ("going_well", "worries", "wishes", "who_there")


def _picture_type(picture) -> str:
    """JPEG or PNG, told by the file's first bytes rather than its name; anything else is refused."""
    if picture.size > PICTURE_LIMIT:
        raise ValidationError({"picture": _("The picture must be smaller than 5 MB.")})
    head = picture.read(8)
    picture.seek(0)
    for content_type, magic in PICTURE_TYPES.items():
        if head.startswith(magic):
            return content_type
    raise ValidationError({"picture": _("The picture must be a JPG or PNG photo.")})


def _clean_picture(picture, content_type: str) -> ContentFile:
    """Only the picture's pixels, drawn again by Pillow under a random name with the extension of
    the type its bytes show: the sender's file name, metadata (EXIF: place, time, phone) and any
    bytes hidden after the image are left behind."""
    pillow_format, extension = PICTURE_FORMATS[content_type]
    try:
        with Image.open(picture, formats=[pillow_format]) as image:
            if image.width * image.height > PICTURE_PIXELS:
                raise ValidationError({"picture": _("The picture must be smaller than 5 MB.")})
            image = ImageOps.exif_transpose(image)  # keep it the right way up once EXIF is gone
            pixels = image.convert("RGB" if pillow_format == "JPEG" else "RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError({"picture": _("The picture must be a JPG or PNG photo.")}) from error
    pixels.info = {}
    out = io.BytesIO()
    pixels.save(out, format=pillow_format, **({"quality": 90} if pillow_format == "JPEG" else {"optimize": True}))
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


@transaction.atomic
def record_voice(*, member: NetworkMember, audience: str, picture=None, keep_picture=True, **words: str) -> ChildVoice:
    """A child's views, in their words or their advocate's, with who may see them. A new row each time;
    the picture sent before is kept unless a new one replaces it."""
    if member.voice_of_id is None:
        raise PermissionDenied
    if audience not in VoiceAudience.values:
        raise ValidationError({"audience": _("Choose who can see this.")})
    texts = {name: words.get(name, "").strip() for name in VOICE_FIELDS}
    previous = ChildVoice.objects.filter(child_id=member.voice_of_id, given_by=member).first()
    kept = previous.picture if (previous and keep_picture and previous.picture) else None
    if not any(texts.values()) and picture is None and kept is None:
        raise ValidationError({"going_well": _("Write something, or add a picture.")})
    voice = ChildVoice(case_id=member.case_id, child_id=member.voice_of_id, given_by=member, audience=audience, **texts)
    if picture is not None:
        voice.picture_type = _picture_type(picture)
        voice.picture = _clean_picture(picture, voice.picture_type)
    elif kept is not None:
        voice.picture, voice.picture_type = kept.name, previous.picture_type
    voice.save()
    record(actor_label=member.ref, action="child_voice.recorded", target=voice, detail={"audience": audience})
    return voice
