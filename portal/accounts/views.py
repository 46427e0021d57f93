from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def staff_home(request):
    return render(request, "accounts/staff_home.html", {"roles": sorted(request.user.roles)})
