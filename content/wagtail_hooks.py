"""Editor-side checks: a translator's PO upload with broken placeholders is refused, line by line."""

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views import edit_translation

from content import po
from portal.permissions import signed_in_staff


@signed_in_staff
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, after checking every entry keeps its placeholders and tags.
    (Only content editors reach /cms/; wagtail-localize then checks they may edit the page.)"""
    upload = request.FILES.get("file")
    if upload is not None:
        with tempfile.NamedTemporaryFile(delete=False) as f:
            f.write(upload.read())
        upload.seek(0)
        try:
            problems = [p for entry in polib.pofile(f.name) for p in po.entry_problems(entry)]
        except (OSError, UnicodeDecodeError, ValueError):
            problems = []  # not a PO file: wagtail-localize says so
        finally:
            with contextlib.suppress(OSError):
                os.unlink(f.name)
        if problems:
            lines = "; ".join(str(p) for p in problems[:10])
            messages.error(
                request,
                _("The PO file was not imported. Fix these lines and upload it again: %(lines)s") % {"lines": lines},
            )
            return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return edit_translation.upload_pofile(request, translation_id)


@hooks.register("register_admin_urls")
def checked_po_upload_url():
    # Registered before wagtail-localize's own hook (content comes first in INSTALLED_APPS), so this
    # address answers first; reverse("wagtail_localize:upload_pofile") still gives the same path.
    return [path("localize/translate/<int:translation_id>/pofile/upload/", upload_pofile, name="content_upload_pofile")]
