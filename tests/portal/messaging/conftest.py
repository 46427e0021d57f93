"""A tiny recipient source, guard, templates and case-access check of the tests' own, registered
for one test and removed after it, plus the local stand-in for Twilio."""

from dataclasses import dataclass, field, replace

import pytest
from django.utils.translation import gettext_lazy
from twilio.request_validator import RequestValidator

from portal.messaging import registry
from portal.messaging.backends import locmem
from tests.portal.messaging import fake_twilio

PREFIX = "test.person"
CASE = "test.case:1"
LINK = "https://portal.example.org/f/abc123"
HELLO = registry.MessageTemplate(
    key="test.hello",
    sms="Family meetings: you have a new message. Open: %(link)s",
    discreet_sms="A message for you. Open: %(link)s",
    email_subject="A message from Family meetings",
    email_body="Hello %(name)s,\n\nOpen: %(link)s",
    sample_context={"link": LINK, "name": "Alexandra Konstantinopoulou-Smith"},
)
# Django ships this string translated, so it shows the recipient's language is used.
ANSWERS = registry.MessageTemplate(
    key="test.answers",
    sms=gettext_lazy("yes,no,maybe"),
    email_subject=gettext_lazy("yes,no,maybe"),
    email_body=gettext_lazy("yes,no,maybe"),
    discreet_sms=gettext_lazy("yes,no,maybe"),
)


@dataclass
class People:
    """The people messages go to, as their app would describe them, changeable mid-test."""

    by_ref: dict[str, registry.Recipient] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)  # ref -> the guard's reason
    case_staff: set = field(default_factory=set)  # (user id, case ref) pairs

    def add(self, name="Sam Taylor", phone="+447400123456", email="sam@example.org", **fields):
        ref = f"{PREFIX}:{len(self.by_ref) + 1}"
        fields.setdefault("case_ref", CASE)
        self.by_ref[ref] = registry.Recipient(ref=ref, name=name, phone=phone, email=email, **fields)
        return self.by_ref[ref]

    def change(self, ref, **fields):
        self.by_ref[ref] = replace(self.by_ref[ref], **fields)

    # The registry's RecipientSource protocol:
    def get(self, ref):
        return self.by_ref.get(ref)

    def find_by_phone(self, phone):
        return [person for person in self.by_ref.values() if person.phone == phone]

    # The guard and the case-access check:
    def guard(self, recipient, template_key, about):
        return self.refusals.get(recipient.ref)

    def may_see(self, user, case_ref):
        return (user.pk, case_ref) in self.case_staff


@pytest.fixture
def people(db):
    people = People()
    registry.register_recipient_source(PREFIX, people)
    registry.register_guard(people.guard)
    registry.register_case_access(people.may_see)
    for template in (HELLO, ANSWERS):
        registry.register_template(template)
    yield people
    registry.unregister_recipient_source(PREFIX)
    registry.unregister_guard(people.guard)
    registry.unregister_case_access(people.may_see)
    for template in (HELLO, ANSWERS):
        registry.unregister_template(template.key)


@pytest.fixture
def sms_outbox():
    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture
def twilio(settings):
    """The real Twilio backend and client, talking to the local stand-in."""
    fake, server = fake_twilio.start()
    settings.MESSAGING_SMS_BACKEND = "portal.messaging.backends.twilio.TwilioBackend"
    settings.TWILIO_ACCOUNT_SID = fake_twilio.ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = fake_twilio.AUTH_TOKEN
    settings.TWILIO_MESSAGING_SERVICE_SID = fake_twilio.MESSAGING_SERVICE_SID
    settings.TWILIO_API_BASE_URL = fake.base_url
    settings.TWILIO_TIMEOUT_SECONDS = 1.5
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def signed_post(client, settings):
    """POST to a webhook as Twilio would: form fields signed with the auth token over the public URL."""
    settings.TWILIO_AUTH_TOKEN = fake_twilio.AUTH_TOKEN
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    def post(path, params, *, token=fake_twilio.AUTH_TOKEN, signed_params=None, signed_path=None):
        url = settings.PUBLIC_BASE_URL + (signed_path or path)
        signature = RequestValidator(token).compute_signature(url, signed_params or params)
        return client.post(path, params, headers={"X-Twilio-Signature": signature})

    return post
