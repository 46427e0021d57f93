"""Real pictures for upload tests, made by Pillow: the service draws every picture again, so bytes
that only start like a photo are refused."""

import io

from PIL import Image

GPS_IFD, MAKE = 0x8825, 0x010F


def picture_bytes(kind: str = "PNG", *, size=(4, 3), exif: bool = False) -> bytes:
    """A small picture; with ``exif``, carrying a camera maker and a GPS place as a phone's photo does."""
    image = Image.new("RGB", size, (200, 30, 30))
    extra = {}
    if exif:
        tags = Image.Exif()
        tags[MAKE] = "Family phone"
        tags.get_ifd(GPS_IFD)[2] = (51.0, 30.0, 0.0)  # latitude: where the photo was taken
        extra["exif"] = tags.tobytes()
    out = io.BytesIO()
    image.save(out, format=kind, **extra)
    return out.getvalue()
