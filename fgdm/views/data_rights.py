"""Subject access for service managers: find every record of one person, then produce their bundle."""

import json

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fgdm.models import Child, NetworkMember
from fgdm.selectors.access import may_handle_data_rights
from fgdm.services.data_rights import find_child_records, find_member_records, subject_access_bundle
from portal.forms import DATE_INPUT_FORMATS
from portal.permissions import staff_may


class FindPersonForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Mobile phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth (for a child)"),
        help_text=_("With the child's full name, finds the child's own records. For example, 14/5/2016"),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("name", "phone", "email")):
            raise forms.ValidationError(_("Enter a name, a mobile phone number or an email address."))
        return data


@staff_may(may_handle_data_rights)
def subject_access(request):
    """GET finds the person's records in every case; POST produces the bundle for the records chosen."""
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("record") if pk.isdigit()]
        child_ids = [int(pk) for pk in request.POST.getlist("child") if pk.isdigit()]
        members = list(NetworkMember.objects.filter(pk__in=ids).select_related("case"))
        children = list(Child.objects.filter(pk__in=child_ids).select_related("case"))
        if members or children:
            sections = subject_access_bundle(members=members, children=children, actor=request.user)
            if request.POST.get("format") == "json":
                data = [{"title": s.title, "note": s.note, "rows": s.rows} for s in sections]
                response = HttpResponse(
                    json.dumps(data, indent=2, ensure_ascii=False, default=str), content_type="application/json"
                )
                response["Content-Disposition"] = 'attachment; filename="subject-access.json"'
                return response
            html = render_to_string(
                "fgdm/subject_access_bundle.html", {"sections": sections, "members": members + children}
            )
            response = HttpResponse(html)
            response["Content-Disposition"] = 'attachment; filename="subject-access.html"'
            return response
    form = FindPersonForm(request.GET or None)
    records = children = None
    if form.is_valid():
        data = form.cleaned_data
        records = find_member_records(name=data["name"], phone=data["phone"], email=data["email"])
        children = find_child_records(name=data["name"], date_of_birth=data["date_of_birth"])
    chosen_error = request.method == "POST"
    return render(
        request,
        "fgdm/subject_access.html",
        {"form": form, "records": records, "children": children, "chosen_error": chosen_error},
    )
