"""Who may use the API, and what a client may read. Every "may…" question of the API is here.

A client reads with the authority of the service manager who created it: its cases are
``fgdm.selectors.cases_for(created_by)``, the same rule the screens use, so a client never sees a
case its creator could not, and a creator who loses the manager role takes the client's view with
them. On top of that a client sees only the resources its scopes name.
"""

from django.db.models import QuerySet
from django.utils import timezone

from api.models import ApiClient
from fgdm.models import Case
from fgdm.selectors import cases_for
from portal.accounts import roles


def may_manage_api_clients(user) -> bool:
    """Only a service manager creates, revokes and watches API clients and their webhooks."""
    return getattr(user, "is_authenticated", False) and roles.SERVICE_MANAGER in user.roles


def may_see_statutory_figures(user) -> bool:
    """Service managers and lead practitioners (for their own cases) read the statutory figures."""
    return getattr(user, "is_authenticated", False) and bool(
        {roles.SERVICE_MANAGER, roles.LEAD_PRACTITIONER} & user.roles
    )


def may_read(client: ApiClient | None, scope: str) -> bool:
    """A live client (not revoked, not expired) whose scopes include ``scope``."""
    return isinstance(client, ApiClient) and client.is_live(timezone.now()) and scope in client.scopes


def cases_for_client(client: ApiClient) -> QuerySet[Case]:
    """The cases a client may read: exactly those its creator may see on the screens."""
    if not isinstance(client, ApiClient) or not client.is_live():
        return Case.objects.none()
    return cases_for(client.created_by)


def may_hear_of(client: ApiClient, scope: str, case_id: int) -> bool:
    """A webhook about a case goes only to a client that could read that case and that resource."""
    return may_read(client, scope) and cases_for_client(client).filter(pk=case_id).exists()
