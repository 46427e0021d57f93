"""A system check (run by ``manage.py check`` and ``make check``): every registered text message,
in every language the service ships, fits the segment budget with its longest sample values.

A text over budget fails the check, never the send: by then the family needs the message.
"""

from django.conf import settings
from django.core import checks
from django.utils import translation

from portal.messaging import registry
from portal.messaging.segments import SEGMENT_BUDGET, count_segments


def shipped_languages() -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    codes += [code for code, _name in getattr(settings, "FAMILY_LANGUAGES", []) if code not in codes]
    return codes


def over_budget() -> list[str]:
    """One line per template, wording and language that does not fit, saying by how much."""
    problems = []
    for template in registry.templates():
        wordings = [("sms", template.sms)] + (
            [("discreet_sms", template.discreet_sms)] if template.discreet_sms else []
        )
        for language in shipped_languages():
            with translation.override(language):
                for name, text in wordings:
                    try:
                        body = str(text) % template.sample_context
                    except (KeyError, TypeError, ValueError) as error:
                        problems.append(f"{template.key} {name} [{language}]: cannot fill in {error}")
                        continue
                    count = count_segments(body)
                    if count.segments > SEGMENT_BUDGET:
                        problems.append(
                            f"{template.key} {name} [{language}]: {count.segments} segments "
                            f"({count.units} {count.encoding} units), the budget is {SEGMENT_BUDGET}"
                        )
    return problems


@checks.register("messaging")
def check_sms_segments(app_configs=None, **kwargs):
    return [
        checks.Error(problem, hint="Shorten the text or its translation.", id="messaging.E001")
        for problem in over_budget()
    ]
