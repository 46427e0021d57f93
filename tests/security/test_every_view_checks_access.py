"""Every URL pattern's view says who may use it. What each visitor then gets is in test_access_matrix.py.

A new view with no ``access_rule`` (set by ``portal.permissions``) and no
entry in THIRD_PARTY fails this test. A Django REST framework view declares it through its
permission classes: each must carry an ``access_rule`` (``api.permissions``), and it must have one.
"""

from django.urls import URLPattern, URLResolver, get_resolver

# Views from allauth, Wagtail (wagtail-localize too, all under /cms/) and Django that enforce their
# own access (sign-in, CMS behind StaffAccessMiddleware's editor check), listed by their module.
THIRD_PARTY = ("allauth.", "wagtail.", "wagtail_localize.", "django.views.", "django.contrib.", "django_q.")
# Our own views that are public by design and show nothing about a case or a person.
PUBLIC = {"healthz", "help", "accessibility", "privacy"}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def access_rule_of(view) -> str:
    """The view's own rule, or for a DRF view the rules of every permission class it checks."""
    drf_class = getattr(view, "cls", None)
    if drf_class is None:
        return getattr(view, "access_rule", "") or ""
    classes = (getattr(view, "initkwargs", None) or {}).get("permission_classes", drf_class.permission_classes)
    rules = [getattr(permission, "access_rule", "") for permission in classes]
    return " ".join(rules) if rules and all(rules) else ""


def test_every_view_of_ours_declares_who_may_use_it():
    unchecked = []
    for route, pattern in walk(get_resolver().url_patterns):
        view = pattern.callback
        module = getattr(view, "__module__", "") or ""
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        if view_class is not None:
            module = view_class.__module__
        if module.startswith(THIRD_PARTY) or pattern.name in PUBLIC:
            continue
        if not access_rule_of(view):
            unchecked.append(f"{route} ({module}.{getattr(view, '__name__', view)})")
    assert unchecked == [], "Views without an access check:\n" + "\n".join(unchecked)


def test_a_drf_view_needs_a_rule_on_every_permission_class():
    from rest_framework.permissions import AllowAny
    from rest_framework.views import APIView

    from api.permissions import HasScope

    class Unchecked(APIView):
        permission_classes = [HasScope, AllowAny]

    assert access_rule_of(Unchecked.as_view()) == ""
    assert access_rule_of(Unchecked.as_view(permission_classes=[HasScope])) == "api:client-with-scope"
    assert access_rule_of(Unchecked.as_view(permission_classes=[])) == ""
