from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fgdm.forms import ExclusionForm, MemberForm
from fgdm.network_map import place
from fgdm.selectors import current_exclusion
from fgdm.selectors.access import ARRANGERS, EXCLUSION_DECIDERS, may_follow
from fgdm.selectors.network import households, network_people
from fgdm.services.exclusions import read_exclusion_history, record_exclusion
from fgdm.services.network import PossibleDuplicate, add_member, update_member
from fgdm.services.partners import read_partner_answers
from fgdm.views.cases import form_page
from portal.family_access.services import guessing_locked, guessing_locked_among, lift_guessing_lock
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view


@case_view()
def network(request, case):
    people = network_people(case)
    locked = guessing_locked_among({person.member.ref: person.member.phone for person in people})
    return render(request, "fgdm/network.html", {"case": case, "people": people, "locked_out": locked})


@case_view()
def network_map(request, case):
    """The network as a picture, with the same facts in a table beside it (staff only)."""
    people = network_people(case)
    picture = place(list(case.children.all()), households(people))
    return render(request, "fgdm/network_map.html", {"case": case, "people": people, "map": picture})


@case_view(*ARRANGERS)
def sign_in_lock(request, case, member_id):
    """Whether wrong codes have locked a person out of signing in, and a way to let them try again."""
    member = get_object_or_404(case.members, pk=member_id)
    if request.method == "POST":
        lift_guessing_lock(subject_ref=member.ref, actor=request.user)
        messages.success(request, _("%(name)s can try a code again.") % {"name": member.name})
        return redirect("fgdm:network", case_id=case.pk)
    return render(
        request,
        "fgdm/sign_in_lock.html",
        {"case": case, "member": member, "locked": guessing_locked(subject_ref=member.ref)},
    )


def _member_form_page(request, case, form, title, submit):
    return form_page(
        request, form, title=title, caption=case.reference, submit=submit, back=f"/cases/{case.pk}/network/"
    )


@case_view(*ARRANGERS)
def add(request, case):
    form = MemberForm(submitted(request), children=case.children.all())
    if request.method == "POST" and form.is_valid():
        try:
            add_member(
                case=case,
                relationships=form.relationships(),
                actor=request.user,
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
                **form.member_fields(),
            )
        except PossibleDuplicate as duplicate:
            form.add_error(None, duplicate.messages[0] + " " + _("If this is a different person, send the form again."))
            data = form.data.copy()
            data["confirm_not_duplicate"] = "on"
            form.data = data
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s added to the family network.") % {"name": form.cleaned_data["name"]})
            return redirect("fgdm:network", case_id=case.pk)
    return _member_form_page(request, case, form, _("Add someone to the family network"), _("Add person"))


@case_view(*ARRANGERS)
def edit(request, case, member_id):
    member = get_object_or_404(case.members, pk=member_id)
    initial = {f: getattr(member, f) for f in MemberForm.base_fields if hasattr(member, f)}
    initial.update({f"relationship_{r.child_id}": r.relationship for r in member.relationships.all()})
    form = MemberForm(submitted(request), initial=initial, children=case.children.all())
    if request.method == "POST" and form.is_valid():
        try:
            update_member(member=member, relationships=form.relationships(), actor=request.user, **form.member_fields())
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Details saved."))
            return redirect("fgdm:network", case_id=case.pk)
    return _member_form_page(request, case, form, _("Change %(name)s's details") % {"name": member.name}, _("Save"))


@case_view(*EXCLUSION_DECIDERS)
def participation(request, case, member_id):
    """Exclusion decisions for one person. Reading the reasons is audited."""
    member = get_object_or_404(case.members, pk=member_id)
    current = current_exclusion(member)
    answers = read_partner_answers(member=member, actor=request.user)
    form = ExclusionForm(
        submitted(request),
        answers=answers,
        initial={
            "participation": current.participation if current else "all",
            "reasons": current.reasons if current else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = record_exclusion(member=member, actor=request.user, **data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded for %(name)s.") % {"name": member.name})
            if outcome.may_already_know:
                messages.warning(
                    request,
                    _(
                        "%(name)s was already invited and may know the time and venue of the meeting. "
                        "Think about changing the venue or time."
                    )
                    % {"name": member.name},
                )
            return redirect("fgdm:network", case_id=case.pk)
    history = read_exclusion_history(member=member, actor=request.user)
    prefetch_related_objects(history, "informed_by__request")
    context = {"form": form, "case": case, "member": member, "history": history, "answers": answers}
    context["may_ask_partners"] = may_follow(request.user, "fgdm:ask_partner", case)
    context["history_rows"] = [(d, list(d.informed_by.all())) for d in history]
    return render(request, "fgdm/participation.html", context)
