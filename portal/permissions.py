"""The one permission mechanism: every view is wrapped by one of these, and says who may use it.

``tests/security`` walks every URL pattern and fails on a view that carries no ``access_rule``.
The rules themselves ("may this person do or see this?") live in each app's ``selectors/access.py``;
apps register here how to load a case and a family member, and their navigation entries.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from portal.accounts import roles


def public_view(view):
    """Anyone may see this page; it shows nothing about a case or a person."""
    view.access_rule = "public"
    return view


def staff_view(*allowed_roles: str):
    """A signed-in member of staff with one of ``allowed_roles`` (MFA is enforced by middleware)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.roles & set(allowed_roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = "staff:" + ",".join(sorted(allowed_roles))
        wrapped.allowed_roles = frozenset(allowed_roles)
        return wrapped

    return decorator


def signed_in_staff(view):
    """Any signed-in member of staff, whatever their role (MFA is enforced by middleware)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access_rule = "staff:any"
    return wrapped


def family_view(view):
    """A family member signed in through their personal link and code; ``request.family`` says who.

    With no live session (never signed in, idle for 30 minutes, or the link was revoked) the
    person sees the same neutral page whatever the reason.
    """
    from portal.family_access import session

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.family = session.current(request)
        if request.family is None:
            return redirect("family_access:signed_out")
        response = view(request, *args, **kwargs)
        # A phone may be shared: nothing a family member saw is kept in the browser's cache.
        add_never_cache_headers(response)
        return response

    wrapped.access_rule = "family"
    return wrapped


def staff_may(rule):
    """A signed-in member of staff for whom ``rule(user)`` holds: the rule is an app's ``may_…`` function.

    The same function decides whether the page's navigation entry is shown, so a link and its page
    never disagree.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = f"staff:{rule.__module__}.{rule.__name__}"
        wrapped.rule = rule
        return wrapped

    return decorator


# --- Loaders: the app that owns cases and family members says how to load them ----------------
#
# portal imports no app. At start-up an app registers a *case loader* (user, case_id → the case
# if this user may see it, else None) and a *member loader* (family session → the member it names
# if they may still be contacted, else None). The decorators below ask them on every request.

CaseLoader = Callable[[object, int], object | None]
MemberLoader = Callable[[object], object | None]

_loaders: dict[str, Callable] = {}


def register_case_loader(loader: CaseLoader) -> None:
    _loaders["case"] = loader


def register_member_loader(loader: MemberLoader) -> None:
    _loaders["member"] = loader


def register_read_scope(scope: Callable[[], AbstractContextManager]) -> None:
    """A context an app's reads may share for the length of one request that changes nothing
    (a GET or HEAD of a family page): for example, the audience rule read once, not per link."""
    _read_scopes.append(scope)


_read_scopes: list[Callable[[], AbstractContextManager]] = []


def _read_scope(request) -> AbstractContextManager:
    if request.method not in ("GET", "HEAD") or not _read_scopes:
        return nullcontext()
    stack = ExitStack()
    for scope in _read_scopes:
        stack.enter_context(scope())
    return stack


def _loader(kind: str) -> Callable:
    try:
        return _loaders[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No app registered a {kind} loader with portal.permissions.") from None


def load_member(refs) -> object | None:
    """The member ``refs`` names (anything with ``subject_ref`` and ``case_ref``: a family session or
    a personal link), through the registered member loader: None if they may no longer be contacted."""
    return _loader("member")(refs)


def case_view(*allowed_roles: str):
    """A staff view about one case: ``view(request, case, ...)``; the case comes from the registered
    case loader (the user's own case-scoped queryset), or the answer is 404."""
    allowed_roles = allowed_roles or roles.CASE_ROLES

    def decorator(view):
        @staff_view(*allowed_roles)
        @wraps(view)
        def wrapped(request, case_id, *args, **kwargs):
            case = _loader("case")(request.user, case_id)
            if case is None:
                raise Http404
            return view(request, case, *args, **kwargs)

        wrapped.access_rule = "case:" + ",".join(sorted(allowed_roles))
        return wrapped

    return decorator


def member_view(view):
    """A page for the signed-in family member: ``view(request, member)``, in the member's own language.

    The member comes from the session's refs through the registered member loader, never from the
    URL, so one member's session cannot reach another person or another case. A member who may no
    longer be contacted sees nothing.
    """

    @family_view
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with _read_scope(request):
            member = _loader("member")(request.family)
            if member is None:
                raise Http404
            with translation.override(member.language):
                request.LANGUAGE_CODE = member.language
                response = view(request, member, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
        response.headers.setdefault("Content-Language", member.language)
        return response

    wrapped.access_rule = "family"
    return wrapped


# --- Staff navigation: each app registers its entries with the ``may_…`` rule that shows them ---


@dataclass(frozen=True)
class NavigationEntry:
    label: str
    url: str
    may_see: Callable[[object], bool]
    order: int = 50


_navigation: dict[str, NavigationEntry] = {}


def register_navigation(entry: NavigationEntry) -> None:
    _navigation[entry.url] = entry


def staff_navigation(user) -> list[NavigationEntry]:
    """The entries this member of staff may see, in order."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [e for e in sorted(_navigation.values(), key=lambda e: (e.order, e.url)) if e.may_see(user)]
