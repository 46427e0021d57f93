"""The one permission mechanism: every view is wrapped by one of these, and says who may use it.

``tests/security`` walks every URL pattern and fails on a view that carries no ``access_rule``.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers


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
