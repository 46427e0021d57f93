from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from portal.prepared import Prepared

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def _second_factor_and_groups(user_id):
    has_factor = Exists(Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTORS))
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(has_factor=has_factor)
        .values_list("has_factor", "groups__id", "groups__name")
    )


_SECOND_FACTOR_AND_GROUPS = Prepared(_second_factor_and_groups)  # its SQL built once per process


def read_second_factor_and_groups(user) -> bool:
    """True once the user has an authenticator app or a passkey (recovery codes alone do not count),
    asked in the one query that also reads the user's groups.

    Every staff page asks both (the second factor here, the groups for the roles), and they were a
    query each. The groups go where ``prefetch_related("groups")`` would put them, the cache
    ``roles.roles_of`` reads and ``user.groups.add``/``remove``/``set``/``clear`` empty. Nothing is
    kept beyond the request: the next one reads both afresh.
    """
    rows = _SECOND_FACTOR_AND_GROUPS.rows(user_id=user.pk)
    if not rows:  # the user is gone
        return False
    if "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        groups = user.groups.all()
        groups._result_cache = [
            Group.from_db(groups.db, ["id", "name"], (pk, name)) for _has, pk, name in rows if pk is not None
        ]
        groups._prefetch_done = True
        if not hasattr(user, "_prefetched_objects_cache"):
            user._prefetched_objects_cache = {}
        user._prefetched_objects_cache["groups"] = groups
    return bool(rows[0][0])
