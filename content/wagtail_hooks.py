"""Editor-side checks: a translator's PO upload with broken placeholders is refused, line by line;
and a report of translations nobody has checked yet, where an editor marks one as checked."""

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.views import edit_translation

from content import po
from content.models import FamilyPage
from portal.accounts import roles
from portal.permissions import signed_in_staff, staff_view


def _pages_to_check():
    pages = []
    for model in FamilyPage.__subclasses__():  # home, guide, information and jargon buster pages
        pages += model.objects.filter(needs_translation_review=True).select_related("locale")
    return sorted(pages, key=lambda p: (p.locale.language_code, p.title))


@staff_view(roles.CONTENT_EDITOR)
def translations_to_check(request):
    """Machine or non-professional translations families are reading with a "not yet checked" note."""
    return TemplateResponse(request, "content/admin/translations_to_check.html", {"pages": _pages_to_check()})


@staff_view(roles.CONTENT_EDITOR)
@require_POST
def mark_translation_checked(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, FamilyPage) or not page.permissions_for_user(request.user).can_publish():
        return redirect("content_translations_to_check")
    page.needs_translation_review = False
    page.save_revision(user=request.user).publish(user=request.user)
    messages.success(
        request, _("“%(title)s” is marked as checked by a professional translator.") % {"title": page.title}
    )
    return redirect("content_translations_to_check")


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
    return [
        path("localize/translate/<int:translation_id>/pofile/upload/", upload_pofile, name="content_upload_pofile"),
        path("translations-to-check/", translations_to_check, name="content_translations_to_check"),
        path("translations-to-check/<int:page_id>/", mark_translation_checked, name="content_mark_translation_checked"),
    ]


@hooks.register("register_reports_menu_item")
def translations_to_check_menu_item():
    return MenuItem(
        _("Translations to check"),
        reverse("content_translations_to_check"),
        name="translations-to-check",
        icon_name="site",
        order=650,
    )
