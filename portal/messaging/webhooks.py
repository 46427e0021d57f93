"""Twilio's calls to us: delivery status callbacks and inbound texts.

Each is checked against ``X-Twilio-Signature`` with the auth token, over the public address the
callback was sent to (``PUBLIC_BASE_URL`` + path and query). Unsigned or tampered: 403, nothing
changes. These two views alone are CSRF-exempt: the signature is their proof of origin.
"""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator

from portal.messaging.inbound import receive_reply, record_delivery_status
from portal.messaging.models import InboundMessage

logger = logging.getLogger(__name__)
ACCESS_RULE = "twilio-signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def signed_by_twilio(request) -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not settings.TWILIO_AUTH_TOKEN:
        return False
    url = settings.PUBLIC_BASE_URL + request.get_full_path()
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(url, request.POST, signature)


def _field(request, name: str, longest: int | None = None) -> str:
    """A posted field as text the database can hold: Twilio never sends NUL, and PostgreSQL refuses
    it; nor a sender or message id longer than its column, which PostgreSQL refuses too."""
    return request.POST.get(name, "").replace("\x00", "")[:longest]


@csrf_exempt
@require_POST
def twilio_status(request):
    if not signed_by_twilio(request):
        logger.warning("Twilio status callback refused: bad or missing signature")
        return HttpResponseForbidden()
    record_delivery_status(
        message_sid=_field(request, "MessageSid"),
        status=_field(request, "MessageStatus").lower(),
        error_code=_field(request, "ErrorCode"),
        reference=request.GET.get("ref", ""),
    )
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def twilio_inbound(request):
    if not signed_by_twilio(request):
        logger.warning("Twilio inbound text refused: bad or missing signature")
        return HttpResponseForbidden()
    message_sid = _field(request, "MessageSid", InboundMessage._meta.get_field("message_sid").max_length)
    if not message_sid:
        # Signed but not a message (a misconfigured hook): nothing to act on, and nothing to retry.
        logger.warning("Twilio inbound webhook without a MessageSid ignored")
        return HttpResponse(EMPTY_TWIML, content_type="text/xml")
    receive_reply(
        message_sid=message_sid,
        from_number=_field(request, "From", InboundMessage._meta.get_field("from_number").max_length),
        body=_field(request, "Body"),
    )
    # Answers (HELP, STOP) go through the outbox like every other text, not in this response.
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")


twilio_status.access_rule = ACCESS_RULE
twilio_inbound.access_rule = ACCESS_RULE
