"""The way in for family members: a personal link, then a code. Nothing here says whether a case exists.

An expired, revoked or unknown link looks exactly like a live one until a code is entered. A live
link's pages speak its member's saved language; one that does not work speaks the visitor's own
(portal/family_access/language.py), and nothing else about the member is shown either way.
"""

from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.family_access import language, services, session
from portal.family_access.forms import CodeForm, explain_failed_code
from portal.forms import submitted
from portal.permissions import family_view, public_view

UNKNOWN_TRIES_KEY = "family_unknown_tries"


def _landing_language(request, token) -> str | None:
    if request.method == "GET":
        language.forget(request)
    return language.chosen(request) or language.of_member(services.live_link(token))


def _sign_in_language(request) -> str | None:
    return language.chosen(request) or language.of_member(session.pending(request))


@public_view
@language.speaks(_landing_language)
def landing(request, token):
    if request.method == "POST":
        link = services.live_link(token)
        session.remember_pending(request, link)
        request.session[UNKNOWN_TRIES_KEY] = services.CODE_TRIES
        if link is not None:
            with suppress(services.TooSoon):  # the code already sent still works
                services.send_code(link=link)
        return redirect("family_access:code")
    return render(request, "family_access/landing.html", {"language_links": language.switcher_links(request)})


@public_view
@language.speaks(_sign_in_language)
def code(request):
    if not session.has_pending(request):
        return redirect("family_access:signed_out")
    form = CodeForm(submitted(request))
    locked, locked_for = False, ""
    if request.method == "POST" and form.is_valid():
        link = session.pending(request)
        check = _check(request, link, form.cleaned_data["code"])
        if check.ok:
            session.begin(request, link)
            return redirect("family_access:home")
        locked, locked_for = check.locked, check.locked_for
        explain_failed_code(form, check)
    return render(
        request,
        "family_access/code.html",
        {"form": form, "locked": locked, "locked_for": locked_for, "language_links": language.switcher_links(request)},
    )


def _check(request, link, code) -> services.CodeCheck:
    if link is not None:
        return services.check_code(link=link, code=code, client_address=_client_address(request))
    # No live link: count down the same way, so the page gives nothing away.
    tries = max(request.session.get(UNKNOWN_TRIES_KEY, services.CODE_TRIES) - 1, 0)
    request.session[UNKNOWN_TRIES_KEY] = tries
    return services.CodeCheck(ok=False, tries_left=tries)


def _client_address(request) -> str:
    """The visitor's real address behind our proxy (TRUSTED_PROXY_COUNT), as staff sign-in counts it."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return ""


@public_view
@require_POST
@language.speaks(_sign_in_language)
def resend(request):
    if not session.has_pending(request):
        return redirect("family_access:signed_out")
    link = session.pending(request)
    request.session[UNKNOWN_TRIES_KEY] = services.CODE_TRIES
    try:
        if link is not None:
            services.send_code(link=link)
    except services.TooSoon as too_soon:
        messages.info(request, _wait_for(too_soon.reason))
    else:
        messages.info(request, _("If your link is still working, we have sent you a new code."))
    return redirect("family_access:code")


def _wait_for(reason: str) -> str:
    """How long until a new code can be sent, in words that match the lock."""
    if reason == services.TooSoon.LOCKED:
        return _(
            "You have entered the wrong code too many times. Call %(phone)s and ask your coordinator "
            "to let you try again, or try again tomorrow."
        ) % {"phone": settings.SERVICE_CONTACT_PHONE}
    if reason == services.TooSoon.HOUR:
        return _("You have asked for 5 codes in the last hour. Please try again in an hour.")
    return _("Please wait a minute before asking for another code.")


@family_view
def home(request):
    return redirect(settings.FAMILY_HOME_URL)


@public_view
@language.speaks(lambda request: language.chosen(request))
def signed_out(request):
    return render(request, "family_access/signed_out.html", {"language_links": language.switcher_links(request)})


@public_view
def sign_out(request):
    # A link, not a form: signing out only ever takes access away, and must work on any phone.
    session.end(request, keep_language=True)
    return redirect("family_access:signed_out")


@public_view
def leave(request):
    """ "Leave this page quickly": end the session and go to an everyday website."""
    session.end(request)
    response = redirect(settings.FAMILY_EXIT_URL)
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
