from django.shortcuts import render

from portal.permissions import signed_in_staff


@signed_in_staff
def staff_home(request):
    return render(request, "accounts/staff_home.html", {"roles": sorted(request.user.roles)})
