"""A system check (run by ``manage.py check`` and ``make check``): every registered text message,
in every language the service ships, fits that language's segment budget with its longest sample
values, under the council's own service name and under the default one said in the language.

A text over budget fails the check, never the send: by then the family needs the message.
"""

from django.conf import settings
from django.core import checks
from django.utils import translation

from portal.messaging import registry
from portal.messaging.rendering import in_language
from portal.messaging.segments import count_segments, segment_budget


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
            budget = segment_budget(language)
            with translation.override(language):
                for name, text in wordings:
                    try:
                        bodies = [str(text) % sample for sample in _samples(template.sample_context)]
                    except (KeyError, TypeError, ValueError) as error:
                        problems.append(f"{template.key} {name} [{language}]: cannot fill in {error}")
                        continue
                    count = max((count_segments(body) for body in bodies), key=lambda c: c.segments)
                    if count.segments > budget:
                        problems.append(
                            f"{template.key} {name} [{language}]: {count.segments} segments "
                            f"({count.units} {count.encoding} units), the budget is {budget}"
                        )
    return problems


def _samples(sample: dict) -> list[dict]:
    """The sample values, and again with the default service name in the active language (which
    must fit as well as the council's own English name)."""
    if "service" not in sample:
        return [sample]
    return [sample, in_language({**sample, "service": settings.DEFAULT_SERVICE_NAME}, sms=True)]


@checks.register("messaging")
def check_sms_segments(app_configs=None, **kwargs):
    return [
        checks.Error(problem, hint="Shorten the text or its translation.", id="messaging.E001")
        for problem in over_budget()
    ]
