from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts import roles, services
from portal.permissions import signed_in_staff, staff_navigation, staff_view


@signed_in_staff
def staff_home(request):
    # The same roles the locks page admits (its staff_view below), as a flag for the template.
    may_lift_locks = roles.has_role(request.user, *sign_in_locks.allowed_roles)
    # The places this person may work in, from the same rules as the navigation and the views:
    # a content editor is not offered the cases, which would refuse them.
    places = staff_navigation(request.user)
    return render(
        request,
        "accounts/staff_home.html",
        {"roles": sorted(request.user.roles), "may_lift_locks": may_lift_locks, "places": places},
    )


@staff_view(roles.SERVICE_MANAGER)
def sign_in_locks(request):
    """Accounts locked after wrong passwords, for a service manager to see and lift."""
    return render(request, "accounts/sign_in_locks.html", {"locks": services.current_locks()})


@staff_view(roles.SERVICE_MANAGER)
@require_POST
def unlock(request, lock_id):
    lock = services.unlock(lock_id=lock_id, actor=request.user)
    if lock is not None:
        messages.success(request, _("%(email)s can sign in again.") % {"email": lock.email})
    return redirect("sign_in_locks")
