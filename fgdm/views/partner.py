"""The partner agency's way in: the link from their email, a code sent to their work email, then the
questions about the people they were asked about — and nothing else of the case.

An unknown, used, locked or expired link shows the same neutral page. The request a partner may
answer is held in their session, never in an address, so no id in a URL reaches anything. Nothing
here is kept by a browser or a proxy.
"""

import time
from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fgdm.partner_forms import PartnerAnswerForm
from fgdm.selectors.access import partner_request_for_link, partner_request_for_session, people_for_partner
from fgdm.services.partners import answer_request, check_partner_code, send_partner_code
from portal.family_access.forms import CodeForm, explain_failed_code
from portal.family_access.services import TooSoon
from portal.forms import show_service_errors, submitted
from portal.permissions import public_view

PENDING = "partner_pending"  # the request whose code was sent: {"id": ...}
CONFIRMED = "partner_confirmed"  # the request the partner proved they may answer: {"id": ..., "at": ...}
CONFIRMED_FOR = 2 * 60 * 60  # seconds a confirmed session may take to answer


def partner_view(view):
    """A partner's page: anyone may open it, it shows nothing until the code is confirmed, and no
    copy of it is kept."""
    return public_view(never_cache(view))


def _neutral(request):
    return render(request, "fgdm/partner/closed.html")


def _pending(request):
    return partner_request_for_session((request.session.get(PENDING) or {}).get("id"))


def _confirmed(request):
    held = request.session.get(CONFIRMED) or {}
    if not held or time.time() - held.get("at", 0) > CONFIRMED_FOR:
        return None
    return partner_request_for_session(held.get("id"))


@partner_view
def landing(request, token):
    partner_request = partner_request_for_link(token)
    if partner_request is None:
        return _neutral(request)
    if request.method == "POST":
        request.session.pop(CONFIRMED, None)
        request.session[PENDING] = {"id": partner_request.pk}
        with suppress(TooSoon):  # the code already sent still works
            send_partner_code(partner_request=partner_request)
        return redirect("partner:code")
    return render(request, "fgdm/partner/landing.html")


@partner_view
def code(request):
    partner_request = _pending(request)
    if partner_request is None:
        return redirect("partner:closed")
    form = CodeForm(submitted(request))
    locked = False
    if request.method == "POST" and form.is_valid():
        check = check_partner_code(partner_request=partner_request, code=form.cleaned_data["code"])
        if check.ok:
            request.session.cycle_key()
            request.session.pop(PENDING, None)
            request.session[CONFIRMED] = {"id": partner_request.pk, "at": time.time()}
            return redirect("partner:answer")
        locked = check.locked
        explain_failed_code(form, check)
        if locked:
            request.session.pop(PENDING, None)
    return render(request, "fgdm/partner/code.html", {"form": form, "locked": locked})


@partner_view
@require_POST
def resend(request):
    partner_request = _pending(request)
    if partner_request is None:
        return redirect("partner:closed")
    try:
        send_partner_code(partner_request=partner_request)
    except TooSoon:
        messages.info(request, _("Please wait a minute before asking for another code."))
    else:
        messages.info(request, _("We have sent you a new code."))
    return redirect("partner:code")


@partner_view
def answer(request):
    """The questions, for the people asked about only; answered once."""
    partner_request = _confirmed(request)
    if partner_request is None:
        return redirect("partner:closed")
    people = people_for_partner(partner_request)
    form = PartnerAnswerForm(submitted(request), people=people)
    if request.method == "POST" and form.is_valid():
        try:
            answer_request(
                partner_request=partner_request,
                answers=form.answers(),
                details=form.details(),
                holds_nothing=form.cleaned_data["holds_nothing"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            request.session.pop(CONFIRMED, None)
            return redirect("partner:done")
    context = {"form": form, "groups": form.groups(), "reply_by": partner_request.reply_by}
    return render(request, "fgdm/partner/answer.html", context)


@partner_view
def done(request):
    return render(request, "fgdm/partner/done.html")


@partner_view
def closed(request):
    return _neutral(request)
