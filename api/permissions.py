"""How a call to the API is let in: the key (401 if unknown, revoked or expired), the scope (403),
and the client's own rate limit (429). The rules themselves are asked of ``api.selectors.access``.

``tests/security/test_every_view_checks_access.py`` accepts a DRF view when every permission class
it uses carries an ``access_rule``, as ``portal.permissions`` decorators do for Django views.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from api.keys import KEY_PREFIX, hash_key
from api.models import ApiClient
from api.selectors.access import may_read


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer fgdm_…``. Only the key's hash is looked up."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode("latin-1").lower() != self.keyword.lower() or len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Bearer <key>."))
        key = header[1].decode("latin-1")
        client = None
        if key.startswith(KEY_PREFIX):
            client = ApiClient.objects.select_related("created_by").filter(key_hash=hash_key(key)).first()
        # One answer for unknown, revoked and expired keys: the caller learns nothing about which.
        if client is None or not client.is_live(timezone.now()):
            raise exceptions.AuthenticationFailed(_("This key is not valid. It may have been revoked or have expired."))
        return client, key

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.permissions.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An API key made by a service manager."}


class HasScope(permissions.BasePermission):
    """A live client whose scopes cover the view's ``scope``."""

    access_rule = "api:client-with-scope"
    message = _("This key's scope does not cover this resource.")

    def has_permission(self, request, view):
        if not isinstance(request.user, ApiClient):
            raise exceptions.NotAuthenticated(_("Send an API key: Authorization: Bearer <key>."))
        return may_read(request.user, view.scope)


class PublicDocument(permissions.BasePermission):
    """The schema: field names and addresses only, nothing about a case or a person."""

    access_rule = "public"

    def has_permission(self, request, view):
        return True


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """Each client its own budget of requests a minute (``ApiClient.requests_per_minute``)."""

    scope = "api_client"

    def get_rate(self):
        return "600/min"

    def allow_request(self, request, view):
        client = request.user
        if not isinstance(client, ApiClient):
            return True
        self.rate = f"{client.requests_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
