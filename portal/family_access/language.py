"""Which language the way in speaks: the pages of a personal link before and after signing in.

A live link's pages speak its member's saved language, known from the link's refs through the
registered member loader (portal imports no app). A link that does not work says nothing about
whether it ever did: its pages speak the visitor's own language (Accept-Language), as any
unknown address would. A language chosen on these pages wins for the rest of that sign-in, and
survives signing out, so the signed-out page is read in it too. Only the language code is kept.
"""

from functools import wraps

from django.conf import settings
from django.utils import translation

from portal import permissions

CHOSEN_KEY = "family_language"
CHOOSE_PARAMETER = "lang"
CODES = frozenset(code for code, _name in settings.LANGUAGES)


def of_member(refs) -> str | None:
    """The saved language of the member ``refs`` names (a link or a session), if they may still be
    contacted and it is one we speak."""
    if refs is None:
        return None
    member = permissions.load_member(refs)
    code = getattr(member, "language", None)
    return code if code in CODES else None


def chosen(request) -> str | None:
    code = request.session.get(CHOSEN_KEY)
    return code if code in CODES else None


def choose(request, code: str) -> None:
    request.session[CHOSEN_KEY] = code


def forget(request) -> None:
    """Opening a link afresh starts from its member's language, not the last person's choice."""
    if CHOSEN_KEY in request.session:
        del request.session[CHOSEN_KEY]


def requested(request) -> str | None:
    """A language picked from these pages' own switcher (``?lang=pl``)."""
    code = request.GET.get(CHOOSE_PARAMETER, "")
    return code if code in CODES else None


def switcher_links(request) -> dict[str, str]:
    """The same step of the sign-in in every language: the switcher keeps the person where they are."""
    return {code: f"{request.path}?{CHOOSE_PARAMETER}={code}" for code in CODES}


def visitors(request) -> str:
    """The visitor's own language (their browser's Accept-Language). Addresses without a language
    prefix are otherwise English for everyone (prefix_default_language=False)."""
    return translation.get_language_from_request(request, check_path=False)


def speaks(language_of):
    """Render ``view`` in the language ``language_of(request, *args, **kwargs)`` names, or the
    visitor's own when it names none; a language picked with ``?lang=`` wins and is kept.
    Nothing on a page says which of these it was."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            picked = requested(request)
            if picked:
                choose(request, picked)
            code = picked or language_of(request, *args, **kwargs) or visitors(request)
            with translation.override(code):
                request.LANGUAGE_CODE = code
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            response.headers["Content-Language"] = code
            return response

        return wrapped

    return decorator
