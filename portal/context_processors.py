from django.conf import settings


def service(request):
    """The council's service name and contact details, for every template."""
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SERVICE_PHASE": settings.SERVICE_PHASE,
        "SERVICE_CONTACT_EMAIL": settings.SERVICE_CONTACT_EMAIL,
        "SERVICE_CONTACT_PHONE": settings.SERVICE_CONTACT_PHONE,
    }
