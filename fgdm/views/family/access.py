from functools import wraps

from django.http import Http404
from django.utils import translation

from fgdm.models import NetworkMember
from fgdm.selectors import may_be_contacted
from portal.permissions import family_view


def member_view(view):
    """A page for the signed-in family member: ``view(request, member)``, in the member's own language.

    The member comes from the session's refs, never from the URL, so one member's session cannot
    reach another person or another case. A member who may no longer be contacted sees nothing.
    """

    @family_view
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        member = _member_for(request.family)
        if member is None or not may_be_contacted(member):
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


def _member_for(family) -> NetworkMember | None:
    prefix, _sep, pk = family.subject_ref.partition(":")
    case_prefix, _sep, case_pk = family.case_ref.partition(":")
    if prefix != "fgdm.member" or case_prefix != "fgdm.case" or not (pk.isdigit() and case_pk.isdigit()):
        return None
    return NetworkMember.objects.select_related("case").filter(pk=pk, case_id=case_pk).first()
