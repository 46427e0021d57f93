"""Every text message template fits its language's segment budget (two, three for UCS-2 scripts) in every
shipped language (``manage.py check``)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from portal.messaging import registry
from portal.messaging.checks import over_budget, shipped_languages

LONG = registry.MessageTemplate(
    key="test.too_long",
    sms="%(service)s: " + "this text says far more than a text message should say. " * 5 + "%(link)s",
    email_subject="s",
    email_body="b",
    sample_context={"service": "Northshire Family Group Meetings", "link": "https://example.org/f/" + "x" * 43},
)


@pytest.fixture
def long_template():
    registry.register_template(LONG)
    yield LONG
    registry.unregister_template(LONG.key)


def test_every_registered_text_fits_the_budget_in_every_shipped_language():
    keys = {template.key for template in registry.templates()}
    assert {"fgdm.invitation", "fgdm.reminder", "messaging.help", "messaging.opted_out"} <= keys
    assert {"en", "pl", "ro", "pa", "ur", "pt", "es", "ar"} <= set(shipped_languages())
    assert over_budget() == []
    call_command("check", "--tag", "messaging")


def test_a_text_over_budget_fails_the_check_and_says_which_and_by_how_much(long_template):
    problems = over_budget()
    assert "test.too_long sms [en]: 3 segments (379 GSM-7 units), the budget is 2" in problems
    assert len([p for p in problems if p.startswith("test.too_long")]) == len(shipped_languages())
    with pytest.raises(SystemCheckError, match=r"messaging\.E001"):
        call_command("check", "--tag", "messaging")


def test_a_text_whose_sample_cannot_fill_it_in_fails_the_check():
    broken = registry.MessageTemplate(key="test.broken", sms="Open %(link)s", email_subject="s", email_body="b")
    registry.register_template(broken)
    try:
        assert "test.broken sms [en]: cannot fill in 'link'" in over_budget()
    finally:
        registry.unregister_template(broken.key)
