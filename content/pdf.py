"""The easy-read PDF of a guide, in the guide's own language, made from its easy-read version.

Drawn by the portal's one PDF maker (WeasyPrint with the Noto fonts): shaped Arabic and Gurmukhi,
right to left where the language is, tagged, with its language set. Each language's guide makes
its own PDF from its own words, so a Polish family downloads Polish. Made once per published
version of the pages (the page cache's generation) and kept in the cache.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from content.page_cache import generation
from portal.context_processors import service_name
from portal.pdf import fonts_for, render_pdf

TIMEOUT = 24 * 60 * 60


def easy_read_pdf(page) -> bytes:
    """The easy-read PDF of guide ``page`` (a GuidePage in any locale), in that page's language."""
    language = page.locale.language_code
    key = f"content:easy-read-pdf:{generation()}:{page.pk}:{page.latest_revision_id}"
    pdf = cache.get(key)
    if pdf is None:
        with translation.override(language):
            context = {
                "page": page,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "fonts": fonts_for(language),
                "SERVICE_NAME": service_name(),
                "phone": settings.SERVICE_CONTACT_PHONE,
            }
            pdf = render_pdf("content/easy_read_pdf.html", context)
        cache.set(key, pdf, TIMEOUT)
    return pdf
