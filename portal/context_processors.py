from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext


def service_name() -> str:
    """The service's name in the page's language, unless the council named it themselves."""
    if settings.SERVICE_NAME == settings.DEFAULT_SERVICE_NAME:
        return gettext(settings.DEFAULT_SERVICE_NAME)
    return settings.SERVICE_NAME


def service(request):
    """The council's service name and contact details, for every template."""
    return {
        "SERVICE_NAME": service_name(),
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SERVICE_PHASE": settings.SERVICE_PHASE,
        "SERVICE_CONTACT_EMAIL": settings.SERVICE_CONTACT_EMAIL,
        "SERVICE_CONTACT_PHONE": settings.SERVICE_CONTACT_PHONE,
        "RETENTION_YEARS": round(settings.RETENTION_DAYS_AFTER_CLOSURE / 365),
    }


def family_navigation(request):
    """The menu on a signed-in family member's pages; staff and anonymous pages get none."""
    if getattr(request, "family", None) is None:
        return {}
    items = []
    for url_name, label in settings.FAMILY_NAVIGATION:
        url = reverse(url_name)
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {"family_navigation": items}
